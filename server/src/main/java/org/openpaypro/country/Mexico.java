package org.openpaypro.country;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openpaypro.error.Rejection;

/**
 * Mexico (spec §6.1, §6.2 [D-MX]): pay-in H2H ({@code payInApi}) or hosted ({@code paymentLink}) by convenience store
 * or CLABE transfer ({@code wayCode} store / va), payout {@code payOut} to a bank of the Bank List by CLABE or debit
 * card; MXN in whole pesos, Mexico City time; partial pay-ins ({@code 0001}); queries answer {@code receivedAmount}
 * and {@code createTime}, payouts a {@code utr}. Decisions on what the spec leaves open are in docs/countries/MX.md.
 */
final class Mexico {
    private Mexico() {
    }

    /** Our choice: a Mexican number of 10 digits, with or without the country code 52. */
    static final Check MOBILE = Check.regex("(52)?[0-9]{10}",
            Rejection.MX_MOBILE_MALFORMED);
    static final Check NAME = Check.text(100);
    static final Check CLABE = Check.digits(18);
    static final Check DEBIT_CARD = Check.digits(16);
    /** Checked only by its customerAccountType (required and checked before), for a precise message. */
    static final Check ACCOUNT = Check.ANY;

    static CountryProfile profile(CountryData data) {
        Check payinWayCodes = data.codes("MX", "waycodes");
        RequestSpec payInApi = payin(FieldRule.required("wayCode", payinWayCodes), false);
        RequestSpec paymentLink = payin(FieldRule.optional("wayCode", payinWayCodes), true);
        RequestSpec payout = new RequestSpec(List.of(
                FieldRule.required("wayCode", data.codes("MX", "banks")),
                FieldRule.required("customerAccountType", Check.oneOf("DebitCard", "CLABE")),
                FieldRule.required("customerAccount", ACCOUNT),
                FieldRule.optional("customerName", NAME),
                FieldRule.optional("remark", Check.REMARK)),
                List.of(new SwitchRule("customerAccount", "customerAccountType",
                        Map.of("CLABE", CLABE, "DebitCard", DEBIT_CARD))));
        return CountryProfile.builder("MX", "MXN", "America/Mexico_City")
                .paths("/mex-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(0, 1, 1, 100_000_000)
                .endpoint("payInApi", Operation.PAYIN, payInApi)
                .hostedPayin("paymentLink", paymentLink)
                .endpoint("payOut", Operation.PAYOUT, payout)
                .standardQueries()
                .partialPayins()
                .extras(Extra.QUERY_RECEIVED_AMOUNT, Extra.QUERY_CREATE_TIME, Extra.UTR,
                        Extra.QUERY_ORDER_AND_PAY_AMOUNT)
                .build();
    }

    private static RequestSpec payin(FieldRule wayCode, boolean hosted) {
        List<FieldRule> fields = new ArrayList<>(List.of(wayCode,
                FieldRule.optional("payer", NAME),
                FieldRule.optional("mobile", MOBILE),
                FieldRule.optional("email", Check.text(254).and(Check.EMAIL))));
        if (hosted) {
            fields.add(FieldRule.optional("returnUrl", Check.HTTP_URL));
        }
        fields.add(FieldRule.optional("remark", Check.REMARK));
        return new RequestSpec(List.copyOf(fields), List.of());
    }
}
