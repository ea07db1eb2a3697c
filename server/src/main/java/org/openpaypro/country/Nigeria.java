package org.openpaypro.country;

import java.util.List;
import java.util.Map;
import org.openpaypro.error.Rejection;

/**
 * Nigeria (spec §6.1, §6.2 [D-NG]): pay-in {@code payIn} by e-wallet ({@code channelCode} EWALLET, {@code wayCode}
 * PALMPAY) or virtual account (VA / VA) with the payer's username, mobile and e-mail; payout {@code payOut} to a bank
 * account of the Bank List (our decision: the payout page is not retrievable); NGN with kobo, Lagos time; pay-in
 * callbacks echo {@code channelCode} and {@code wayCode}. Decisions are in docs/countries/NG.md.
 */
final class Nigeria {
    private Nigeria() {
    }

    /**
     * The guide gives no mobile format and its own example does not follow the national numbering plan we used to
     * enforce (issue 10), so only the shape of a phone number is checked: digits, optionally after a {@code +}.
     */
    static final Check MOBILE = Check.regex("\\+?[0-9]{6,15}", Rejection.NG_MOBILE_MALFORMED);
    static final Check NAME = Check.text(100);
    /** Our choice: a NUBAN account number, 10 digits. */
    static final Check ACCOUNT_NO = Check.regex("[0-9]{10}", Rejection.NUBAN_MALFORMED);

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(List.of(
                FieldRule.required("channelCode", Check.oneOf("EWALLET", "VA")),
                FieldRule.optional("wayCode", Check.text(32)),
                FieldRule.required("username", NAME),
                FieldRule.required("mobile", MOBILE),
                FieldRule.required("email", Check.text(254).and(Check.EMAIL)),
                FieldRule.optional("returnUrl", Check.HTTP_URL),
                FieldRule.optional("remark", Check.REMARK)),
                List.of(new SwitchRule("wayCode", "channelCode", Map.of(
                        "EWALLET", data.codes("NG", "waycodes-EWALLET"),
                        "VA", data.codes("NG", "waycodes-VA")))));
        RequestSpec payout = new RequestSpec(List.of(
                FieldRule.required("bankCode", data.codes("NG", "banks")),
                FieldRule.required("bankAccountNo", ACCOUNT_NO),
                FieldRule.required("customerName", NAME),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        return CountryProfile.builder("NG", "NGN", "Africa/Lagos")
                .paths("/ng-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(2, 1, 1, 100_000_000)
                .endpoint("payIn", Operation.PAYIN, payin)
                .endpoint("payOut", Operation.PAYOUT, payout)
                .standardQueries()
                .extras(Extra.CALLBACK_WAY_CODE)
                .build();
    }
}
