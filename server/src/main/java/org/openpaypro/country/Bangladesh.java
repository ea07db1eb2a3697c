package org.openpaypro.country;

import java.util.List;
import org.openpaypro.error.Rejection;

/**
 * Bangladesh (spec §6, docs/countries/BD.md): BDT (decimals discouraged, up to 2 accepted), Dhaka time; pay-in
 * through a hosted page ({@code payin}) with the wallet as {@code wayCode} (bKash, Nagad); payout to a wallet
 * ({@code walletId} + {@code wayCode}: bKash, Rocket, Nagad); {@code payinSubmit}, where the merchant hands in the
 * payer's wallet transaction id. Standard signed callbacks.
 */
final class Bangladesh {
    private Bangladesh() {
    }

    /** A Bangladeshi mobile wallet number: 11 digits starting with 01 (the spec's example is 01123456789). */
    static final Check WALLET_ID = Check.regex("01[0-9]{9}", Rejection.BD_WALLET_NUMBER_MALFORMED);

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(
                List.of(FieldRule.required("wayCode", data.codes("BD", "waycodes-payin")),
                        FieldRule.optional("returnUrl", Check.HTTP_URL),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("walletId", WALLET_ID),
                        FieldRule.required("wayCode", data.codes("BD", "waycodes-payout")),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        return CountryProfile.builder("BD", "BDT", "Asia/Dhaka")
                .paths("/bd-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(2, 1, 1, 100_000_000)
                .hostedPayin("payin", payin)
                .endpoint("payout", Operation.PAYOUT, payout)
                .standardQueries()
                .endpoint("payinSubmit", Operation.PAYIN_SUBMIT, RequestSpec.NONE)
                .build();
    }
}
