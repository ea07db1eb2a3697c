package org.openpaypro.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A pay-in order (spec §3.1). The components are the Brazil fields; other countries add theirs
 * ({@code channelCode}, {@code wayCode}, {@code mobile}, ...) through {@code extra}. Only {@code tradeNo} and
 * {@code amount} are checked here: which other fields are mandatory depends on the country, and the gateway's
 * {@code msg} says which one is missing. {@code extra} may also carry {@code timestamp} to fix it.
 *
 * <p>Immutable; thread-safe.
 *
 * @param amount major currency units as a plain decimal string, e.g. {@code "150"} or {@code "10.50"}
 */
public record PayinRequest(String tradeNo, String amount, String name, String identityType, String userIdentity,
        String notifyUrl, String returnUrl, String remark, Map<String, String> extra) {

    private static final Set<String> COMPONENT_FIELDS = Set.of(
            "tradeNo", "amount", "name", "identityType", "userIdentity", "notifyUrl", "returnUrl", "remark");

    /** @throws IllegalArgumentException if tradeNo or amount is blank, or extra holds a component or sign */
    public PayinRequest {
        RequestFields.require(tradeNo, "tradeNo");
        RequestFields.require(amount, "amount");
        extra = RequestFields.copyExtra(extra, COMPONENT_FIELDS);
    }

    /** A Brazil PIX pay-in: the payer is identified by CPF, no return URL, no extra fields. */
    public static PayinRequest brazil(String tradeNo, String amount, String name, String cpf, String notifyUrl,
            String remark) {
        return new PayinRequest(tradeNo, amount, name, "CPF", cpf, notifyUrl, null, remark, Map.of());
    }

    /** A copy with one more (or a replaced) extra field. */
    public PayinRequest withExtra(String key, String value) {
        return new PayinRequest(tradeNo, amount, name, identityType, userIdentity, notifyUrl, returnUrl, remark,
                RequestFields.withEntry(extra, key, value));
    }

    /** A copy that sends the payer to {@code url} after the hosted cashier page. */
    public PayinRequest withReturnUrl(String url) {
        return new PayinRequest(tradeNo, amount, name, identityType, userIdentity, notifyUrl, url, remark, extra);
    }

    /** The body fields, without {@code timestamp}/{@code sign} (unless in extra) and without null or empty values. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        RequestFields.putIfPresent(fields, "name", name);
        RequestFields.putIfPresent(fields, "identityType", identityType);
        RequestFields.putIfPresent(fields, "userIdentity", userIdentity);
        RequestFields.putIfPresent(fields, "notifyUrl", notifyUrl);
        RequestFields.putIfPresent(fields, "returnUrl", returnUrl);
        RequestFields.putIfPresent(fields, "remark", remark);
        RequestFields.putExtra(fields, extra);
        return Collections.unmodifiableMap(fields);
    }
}
