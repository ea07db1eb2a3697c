package org.openpaypro.country;

import java.util.List;
import org.openpaypro.error.Rejection;

/**
 * Kenya (spec §6.1, §6.2 [D-KE]): M-Pesa by mobile number under the {@code /api} family, KES in whole shillings,
 * Nairobi time. Pay-in H2H ({@code payin}, an STK push to the payer's phone) or hosted ({@code payinConsole}); payout
 * to an M-Pesa number. The queries take no {@code timestamp}; {@code queryResultByCode} finds a trade by its M-Pesa
 * receipt code, which the pay-in answer returns as {@code serialNumber}. Callbacks are unsigned. Decisions on what the
 * spec leaves open are in docs/countries/KE.md.
 */
final class Kenya {
    private Kenya() {
    }

    /** An M-Pesa (Safaricom) number in international form without +: 12 digits, 2547… or 2541…. */
    static final Check MOBILE = Check.regex("254[17][0-9]{8}",
            Rejection.KE_MOBILE_MALFORMED);
    static final Check NAME = Check.text(100);
    /** Our choice: M-Pesa's per-transaction limit (KES 250,000); OPENPAYPRO_MAX_AMOUNT_KE changes it. */
    static final long MAX_KES = 250_000;

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(List.of(
                FieldRule.required("mobile", MOBILE),
                FieldRule.optional("name", NAME),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        RequestSpec payinConsole = new RequestSpec(List.of(
                FieldRule.optional("mobile", MOBILE),
                FieldRule.optional("name", NAME),
                FieldRule.optional("returnUrl", Check.HTTP_URL),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        RequestSpec payout = new RequestSpec(List.of(
                FieldRule.required("mobile", MOBILE),
                FieldRule.optional("name", NAME),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        return CountryProfile.builder("KE", "KES", "Africa/Nairobi")
                .paths("/kenya-pay", "/api")
                .amountsInWholeUnits(0, 1, 1, MAX_KES)
                .endpoint("payin", Operation.PAYIN, payin)
                .hostedPayin("payinConsole", payinConsole)
                .endpoint("payout", Operation.PAYOUT, payout)
                .endpointWithoutTimestamp("queryPayinResult", Operation.QUERY_PAYIN, RequestSpec.NONE)
                .endpointWithoutTimestamp("queryPayOutResult", Operation.QUERY_PAYOUT, RequestSpec.NONE)
                .endpoint("queryBalance", Operation.BALANCE, RequestSpec.NONE)
                .endpointWithoutTimestamp("queryResultByCode", Operation.QUERY_BY_CODE, RequestSpec.NONE)
                .extras(Extra.PAYIN_SERIAL_NUMBER, Extra.CALLBACK_UNSIGNED)
                .build();
    }
}
