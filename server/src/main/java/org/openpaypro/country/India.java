package org.openpaypro.country;

import java.util.List;
import org.openpaypro.error.Rejection;

/**
 * India (spec §6, docs/countries/IN.md): INR (decimals discouraged, up to 2 accepted), Kolkata time; pay-in
 * host-to-host ({@code payinApi}) or through the cashier ({@code payin}), both with the payer's name, Indian mobile,
 * e-mail address, IP address and a required {@code returnUrl}; payout to a bank account by IFSC (the payer's IP address
 * optional there, as in the guide's payout example). Payout queries and
 * callbacks carry the bank's {@code utr}.
 */
final class India {
    private India() {
    }

    static final Check NAME = Check.text(100);
    /**
     * The page's table says 10 digits without 91, but every example of the guide sends {@code 918234567890}: both are
     * accepted (issue 10: a rule must not refuse the platform's own example).
     */
    static final Check MOBILE = Check.regex("(91)?[6-9][0-9]{9}",
            Rejection.IN_MOBILE_MALFORMED);
    /** The table asks for a Gmail address, the guide's examples send {@code 123@qq.com}: any address is accepted. */
    static final Check EMAIL = Check.text(254).and(Check.EMAIL);
    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String HEX = "[0-9A-Fa-f]{1,4}";
    /** The usual IPv6 literal forms: full, "::"-compressed, and with an embedded IPv4 tail; no zone, no port. */
    private static final String IPV6 = "(" + HEX + ":){7}" + HEX
            + "|(" + HEX + ":){1,7}:"
            + "|(" + HEX + ":){1,6}:" + HEX
            + "|(" + HEX + ":){1,5}(:" + HEX + "){1,2}"
            + "|(" + HEX + ":){1,4}(:" + HEX + "){1,3}"
            + "|(" + HEX + ":){1,3}(:" + HEX + "){1,4}"
            + "|(" + HEX + ":){1,2}(:" + HEX + "){1,5}"
            + "|" + HEX + ":(:" + HEX + "){1,6}"
            + "|:((:" + HEX + "){1,7}|:)"
            + "|::([Ff]{4}(:0{1,4})?:)?" + IPV4
            + "|(" + HEX + ":){1,4}:" + IPV4;
    /** A literal address only: never resolved, so a host name is refused rather than looked up. */
    static final Check IP_ADDRESS = Check.regex(IPV4 + "|" + IPV6, Rejection.IP_ADDRESS_MALFORMED);
    /** IFSC: 4 letters (the bank), a 0, 6 letters or digits (the branch); upper case. */
    static final Check IFSC = Check.regex("[A-Z]{4}0[A-Z0-9]{6}",
            Rejection.IFSC_MALFORMED);
    static final Check BANK_ACCOUNT = Check.digits(9, 18);

    static CountryProfile profile(CountryData data) {
        RequestSpec payin = new RequestSpec(
                List.of(FieldRule.required("name", NAME),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("email", EMAIL),
                        FieldRule.required("ipAddress", IP_ADDRESS),
                        FieldRule.required("returnUrl", Check.HTTP_URL),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.optional("ipAddress", IP_ADDRESS),
                        FieldRule.required("name", NAME),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("email", EMAIL),
                        FieldRule.required("bankNumber", BANK_ACCOUNT),
                        FieldRule.required("bankCode", IFSC),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of());
        return CountryProfile.builder("IN", "INR", "Asia/Kolkata")
                .paths("/india-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(2, 1, 1, 100_000_000)
                .endpoint("payinApi", Operation.PAYIN, payin)
                .hostedPayin("payin", payin)
                .endpoint("payout", Operation.PAYOUT, payout)
                .standardQueries()
                .extras(Extra.UTR)
                .build();
    }
}
