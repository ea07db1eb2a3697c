package org.openpaypro.country;

import java.util.List;
import org.openpaypro.error.Rejection;

/**
 * Egypt (spec §6.1, §6.2 [D-EG]): pay-in {@code payIn} with the payer's name, mobile and e-mail, payout
 * {@code payOut} to a mobile wallet ({@code walletId} + {@code customerName}); EGP in whole pounds from 100 to
 * 10,000, Cairo time; queries also answer {@code createTime} and {@code receivedAmount}. Decisions on what the spec
 * leaves open are in docs/countries/EG.md.
 */
final class Egypt {
    private Egypt() {
    }

    /** An Egyptian mobile number in national form: 11 digits, 010 to 018. */
    static final Check MOBILE = Check.regex("01[0-8][0-9]{8}",
            Rejection.EG_MOBILE_MALFORMED);
    /** Our choice: Egyptian mobile wallets (Vodafone Cash, Orange Cash, ...) are addressed by the mobile number. */
    static final Check WALLET_ID = Check.regex("01[0-8][0-9]{8}",
            Rejection.EG_WALLET_NUMBER_MALFORMED);
    static final Check NAME = Check.text(100);

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(List.of(
                FieldRule.required("payer", NAME),
                FieldRule.required("mobile", MOBILE),
                FieldRule.required("email", Check.text(254).and(Check.EMAIL)),
                FieldRule.optional("returnUrl", Check.HTTP_URL),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        RequestSpec payout = new RequestSpec(List.of(
                FieldRule.required("walletId", WALLET_ID),
                FieldRule.required("customerName", NAME),
                FieldRule.optional("remark", Check.REMARK)), List.of());
        return CountryProfile.builder("EG", "EGP", "Africa/Cairo")
                .paths("/egypt-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(0, 100, 100, 10_000)
                .endpoint("payIn", Operation.PAYIN, payin)
                .endpoint("payOut", Operation.PAYOUT, payout)
                .standardQueries()
                .extras(Extra.QUERY_CREATE_TIME, Extra.QUERY_RECEIVED_AMOUNT)
                .build();
    }
}
