package org.openpaypro.country;

import java.util.List;
import java.util.Map;
import org.openpaypro.error.Rejection;

/** Brazil: PIX pay-in through a hosted page and PIX payout, BRL with 2 decimals, São Paulo time (spec §3). */
final class Brazil {
    private Brazil() {
    }

    static final Check CPF = Check.digits(11);
    static final Check CNPJ = Check.digits(14);
    static final Check NAME = Check.text(100);
    /**
     * userIdentity is checked only by its identityType (the switch rules), so a 10-digit CPF is told "must be 11
     * digits for identityType CPF" rather than a generic "11 or 14 digits". identityType is required and checked
     * before, so that switch always applies.
     */
    static final Check DOCUMENT = Check.ANY;

    static CountryProfile profile() {
        Map<String, Check> documents = Map.of("CPF", CPF, "CNPJ", CNPJ);
        RequestSpec payin = new RequestSpec(
                List.of(FieldRule.required("name", NAME),
                        FieldRule.required("identityType", Check.oneOf("CPF", "CNPJ")),
                        FieldRule.required("userIdentity", DOCUMENT),
                        FieldRule.optional("returnUrl", Check.HTTP_URL),
                        FieldRule.required("remark", Check.REMARK)),
                List.of(new SwitchRule("userIdentity", "identityType", documents)));
        RequestSpec payout = new RequestSpec(
                List.of(FieldRule.required("name", NAME),
                        FieldRule.required("email", Check.text(254).and(Check.EMAIL)),
                        FieldRule.required("mobile", Check.regex("\\+?[0-9]{8,15}",
                                Rejection.BR_MOBILE_MALFORMED)),
                        FieldRule.required("bankType", Check.oneOf("CPF", "CNPJ", "EMAIL", "PHONE", "EVP")),
                        FieldRule.required("bankNumber", Check.text(140)),
                        FieldRule.required("identityType", Check.oneOf("CPF", "CNPJ")),
                        FieldRule.required("userIdentity", DOCUMENT),
                        FieldRule.required("remark", Check.REMARK)),
                List.of(new SwitchRule("bankNumber", "bankType", Map.of(
                                "CPF", CPF,
                                "CNPJ", CNPJ,
                                "EMAIL", Check.text(77).and(Check.EMAIL),
                                "PHONE", Check.regex("\\+?[0-9]{10,13}",
                                        Rejection.PIX_PHONE_KEY_MALFORMED),
                                "EVP", Check.regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                                        + "[0-9a-fA-F]{12}", Rejection.PIX_RANDOM_KEY_MALFORMED))),
                        new SwitchRule("userIdentity", "identityType", documents)));
        return CountryProfile.builder("BR", "BRL", "America/Sao_Paulo")
                .paths("/brz-pay", CountryProfile.DEFAULT_FAMILY)
                .amountsInWholeUnits(2, 0, 0, 1_000_000)
                .minimumsInScale4Units(1, 1)
                .hostedPayin("payin", payin)
                .endpoint("payout", Operation.PAYOUT, payout)
                .standardQueries()
                .build();
    }
}
