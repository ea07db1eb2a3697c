package org.openpaypro.country;

import java.util.List;
import java.util.Map;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;

/**
 * What is wrong with one field's value: the catalogued reason and the values its message needs after the field's
 * name (a length, the allowed codes). The field's name is added where the flaw is reported, so one rule serves every
 * field it checks. Immutable.
 */
public record Flaw(Rejection reason, List<Object> args) {
    /**
     * The entry a reason becomes when the rule was chosen by another field's value, so the message names it
     * ("must be 11 digits for bankType CPF"). Reasons only ever used that way already end in "for %s %s".
     */
    private static final Map<Rejection, Rejection> WHEN_SELECTED = Map.of(
            Rejection.TEXT_MALFORMED, Rejection.TEXT_MALFORMED_FOR_SELECTOR,
            Rejection.NOT_ONE_OF, Rejection.NOT_ONE_OF_FOR_SELECTOR,
            Rejection.NOT_IN_LIST, Rejection.NOT_IN_LIST_FOR_SELECTOR,
            Rejection.NOT_IN_LONG_LIST, Rejection.NOT_IN_LONG_LIST_FOR_SELECTOR,
            Rejection.DIGITS_WRONG_COUNT, Rejection.DIGITS_WRONG_COUNT_FOR_SELECTOR,
            Rejection.EMAIL_MALFORMED, Rejection.EMAIL_MALFORMED_FOR_SELECTOR,
            Rejection.PK_MOBILE_MALFORMED, Rejection.PK_WALLET_NUMBER_MALFORMED);

    public Flaw {
        args = List.copyOf(args);
    }

    public static Flaw of(Rejection reason, Object... args) {
        return new Flaw(reason, List.of(args));
    }

    /** The rejection of {@code field} having this flaw. */
    public ApiException rejectionOf(String field) {
        Object[] all = new Object[args.size() + 1];
        all[0] = field;
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        return reason.with(all);
    }

    /** The rejection of {@code field}, judged by the rule of {@code selector}'s value {@code selected}. */
    public ApiException rejectionOf(String field, String selector, String selected) {
        Object[] all = new Object[args.size() + 3];
        all[0] = field;
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        all[args.size() + 1] = selector;
        all[args.size() + 2] = selected;
        return WHEN_SELECTED.getOrDefault(reason, reason).with(all);
    }
}
