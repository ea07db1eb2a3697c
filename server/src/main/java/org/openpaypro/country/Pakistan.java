package org.openpaypro.country;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.openpaypro.error.Rejection;

/**
 * Pakistan (spec §6, docs/countries/PK.md): PKR without decimals, Karachi time, family {@code /v1/payproPK}; pay-in
 * host-to-host ({@code payinApi}) or through the payment page ({@code payin}), optionally naming the wallet
 * ({@code paymentType} easypaisa / jazzcash), at least 100 PKR, {@code custId} required above 50,000; payout of at
 * least 1 PKR to a bank account or a wallet ({@code accountType} BANK / WALLET, {@code bankName} from the bank or
 * wallet list). Standard signed callbacks, no extras.
 */
final class Pakistan {
    private Pakistan() {
    }

    static final Check NAME = Check.text(100);
    /** "a 10-digit number starting with 3 or an 11-digit number starting with 03". */
    static final Check MOBILE = Check.regex("0?3[0-9]{9}",
            Rejection.PK_MOBILE_MALFORMED);
    /** CNIC: 13 digits; the payout page writes it XXXXX-XXXXXXX-X, so that spelling is accepted too. */
    static final Check CNIC = Check.regex("[0-9]{13}|[0-9]{5}-[0-9]{7}-[0-9]",
            Rejection.CNIC_MALFORMED);
    static final Check PAYMENT_TYPE = Check.oneOf("easypaisa", "jazzcash");
    /** "a complex string such as m2hkCRuTCK5HKpEkA0ok": we take any visible ASCII without spaces. */
    static final Check CUST_ID = Check.regex("[!-~]{1,64}", Rejection.CUST_ID_MALFORMED);
    static final Check BANK_ACCOUNT = Check.regex("[A-Za-z0-9]{6,24}",
            Rejection.PK_BANK_ACCOUNT_MALFORMED);
    /** Above this amount (whole PKR) a pay-in must name its customer ({@code custId}). */
    static final BigDecimal CUST_ID_THRESHOLD = new BigDecimal(50_000);
    static final BodyRule CUST_ID_ABOVE_THRESHOLD = (body, details) -> {
        String amount = RequestSpec.text(body, "amount");
        if (!details.containsKey("custId") && new BigDecimal(amount).compareTo(CUST_ID_THRESHOLD) > 0) {
            throw Rejection.CUST_ID_REQUIRED.with(CUST_ID_THRESHOLD);
        }
    };

    static CountryProfile profile(CountryData data) {
        RequestSpec payinApi = new RequestSpec(
                List.of(FieldRule.optional("paymentType", PAYMENT_TYPE),
                        FieldRule.required("name", NAME),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("email", Check.GMAIL),
                        FieldRule.optional("customerCert", CNIC),
                        FieldRule.optional("custId", CUST_ID),
                        FieldRule.optional("remark", Check.REMARK)),
                List.of(), List.of(CUST_ID_ABOVE_THRESHOLD));
        RequestSpec payinPage = new RequestSpec(
                List.of(FieldRule.required("name", NAME),
                        FieldRule.required("customerCert", CNIC),
                        FieldRule.required("email", Check.GMAIL),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("remark", Check.REMARK),
                        FieldRule.optional("custId", CUST_ID),
                        FieldRule.optional("paymentType", PAYMENT_TYPE),
                        FieldRule.optional("returnUrl", Check.HTTP_URL)),
                List.of(), List.of(CUST_ID_ABOVE_THRESHOLD));
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("name", NAME),
                        FieldRule.required("customerCert", CNIC),
                        FieldRule.required("email", Check.text(254).and(Check.EMAIL)),
                        FieldRule.required("mobile", MOBILE),
                        FieldRule.required("accountType", Check.oneOf("BANK", "WALLET")),
                        // checked by accountType below; accountType is required and checked first
                        FieldRule.required("bankName", Check.ANY),
                        FieldRule.required("bankNumber", Check.text(34)),
                        FieldRule.required("remark", Check.REMARK)),
                List.of(new SwitchRule("bankName", "accountType", Map.of(
                                "BANK", data.codes("PK", "banks"),
                                "WALLET", data.codes("PK", "wallets"))),
                        new SwitchRule("bankNumber", "accountType", Map.of(
                                "BANK", BANK_ACCOUNT,
                                "WALLET", MOBILE))));
        return CountryProfile.builder("PK", "PKR", "Asia/Karachi")
                .paths("/pak-pay", "/v1/payproPK")
                .amountsInWholeUnits(0, 100, 1, 100_000_000)
                .endpoint("payinApi", Operation.PAYIN, payinApi)
                .hostedPayin("payin", payinPage)
                .endpoint("payout", Operation.PAYOUT, payout)
                .standardQueries()
                .build();
    }
}
