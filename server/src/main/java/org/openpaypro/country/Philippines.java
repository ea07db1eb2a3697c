package org.openpaypro.country;

import java.util.List;

/**
 * Philippines (spec §6, docs/countries/PH.md): PHP with at most 2 decimals (decimals discouraged, not refused),
 * Manila time; pay-in host-to-host ({@code payIn}) or through the cashier ({@code paymentLink}), both choosing a
 * {@code payType} of the spec's list and requiring {@code returnUrl}; no payer fields. The payout page was not
 * retrievable: {@code payOut} with {@code customerName}, {@code bankCode} (bank list) and {@code bankAccountNo} is
 * our decision, in the shape of the sibling Indonesia payout.
 */
final class Philippines {
    private Philippines() {
    }

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(
                List.of(FieldRule.required("payType", Check.oneOf(data.list("PH", "paytypes").keySet())),
                        FieldRule.required("returnUrl", Check.HTTP_URL),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("customerName", Check.text(100)),
                        FieldRule.required("bankCode", data.codes("PH", "banks")),
                        FieldRule.required("bankAccountNo", Check.digits(6, 20)),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        return CountryProfile.builder("PH", "PHP", "Asia/Manila")
                .paths("/ph-pay", CountryProfile.DEFAULT_FAMILY)
                .amounts(2, 1, 1, 1_000_000)
                .endpoint("payIn", Operation.PAYIN, payin)
                .hostedPayin("paymentLink", payin)
                .endpoint("payOut", Operation.PAYOUT, payout)
                .standardQueries()
                .build();
    }
}
