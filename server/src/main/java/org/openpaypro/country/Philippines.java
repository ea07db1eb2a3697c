package org.openpaypro.country;

import java.util.List;
import java.util.regex.Pattern;
import org.openpaypro.error.Rejection;

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

    /** The guide's cashier example sends {@code "payType": "3"}: a numeric code (no table published) passes there. */
    static final Pattern NUMERIC_PAY_TYPE = Pattern.compile("[0-9]{1,3}");
    private static final String HOST_AND_PATH = "([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}(:[0-9]{1,5})?(/[!-~]*)?";
    /**
     * The guide's example sends {@code "returnUrl": "www.google.com"}: a host name (and path) without a scheme is
     * accepted next to an http(s) URL. The cashier links back only to http(s) URLs.
     */
    static final Check RETURN_URL = value -> Check.HTTP_URL.problem(value) == null
            || value.length() <= 2048 && value.matches(HOST_AND_PATH) ? null
            : Flaw.of(Rejection.PH_RETURN_URL_MALFORMED);

    static CountryProfile profile(CountryData data) {
        Check named = Check.oneOf(data.list("PH", "paytypes").keySet());
        Flaw neither = Flaw.of(Rejection.NOT_ONE_OF_NOR_NUMERIC,
                String.join(", ", data.list("PH", "paytypes").keySet()));
        RequestSpec payin = payinSpec(named);
        RequestSpec paymentLink = payinSpec(value -> named.problem(value) == null
                || NUMERIC_PAY_TYPE.matcher(value).matches() ? null : neither);
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("customerName", Check.text(100)),
                        FieldRule.required("bankCode", data.codes("PH", "banks")),
                        FieldRule.required("bankAccountNo", Check.digits(6, 20)),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        return CountryProfile.builder("PH", "PHP", "Asia/Manila")
                .paths("/ph-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(2, 1, 1, 1_000_000)
                .endpoint("payIn", Operation.PAYIN, payin)
                .hostedPayin("paymentLink", paymentLink)
                .endpoint("payOut", Operation.PAYOUT, payout)
                .standardQueries()
                .build();
    }

    private static RequestSpec payinSpec(Check payType) {
        return new RequestSpec(
                List.of(FieldRule.required("payType", payType),
                        FieldRule.required("returnUrl", RETURN_URL),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
    }
}
