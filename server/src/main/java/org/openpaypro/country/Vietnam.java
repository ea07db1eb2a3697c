package org.openpaypro.country;

import java.util.List;
import org.openpaypro.error.Rejection;

/**
 * Vietnam (spec §6, older menu; docs/countries/VN.md): VND without decimals, at least 50,000 both ways, Ho Chi Minh
 * City time, its own family {@code /v1/payproVN}; pay-in by VietQR bank transfer ({@code bankName} is always
 * {@code VietQR}), payout to a bank of the bank list with the holder's name in Latin letters only.
 */
final class Vietnam {
    private Vietnam() {
    }

    /** "English characters only, no Vietnamese": ASCII letters, spaces and . ' - (no diacritics such as Ễ). */
    static final Check LATIN_NAME = Check.regex("[A-Za-z][A-Za-z .'-]{0,99}",
            Rejection.VN_NAME_NOT_LATIN);

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(
                List.of(FieldRule.required("bankName", Check.oneOf("VietQR")),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("accountName", LATIN_NAME),
                        FieldRule.required("bankName", data.codes("VN", "banks")),
                        FieldRule.required("bankNumber", Check.digits(6, 20)),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        return CountryProfile.builder("VN", "VND", "Asia/Ho_Chi_Minh")
                .paths("/vietnam-pay", "/v1/payproVN")
                .amountsInWholeUnits(0, 50_000, 50_000, 500_000_000)
                .endpoint("payin", Operation.PAYIN, payin)
                .endpoint("payout", Operation.PAYOUT, payout)
                .standardQueries()
                .build();
    }
}
