package org.openpaypro.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A payout order (spec §3.2). The components are the Brazil PIX fields ({@code bankType} is the PIX key type:
 * CPF, CNPJ, EMAIL, PHONE or EVP; {@code bankNumber} the key); other countries add theirs ({@code bankCode},
 * {@code walletId}, {@code accountType}, ...) through {@code extra}. Only {@code tradeNo} and {@code amount} are
 * checked here, for the same reason as in {@link PayinRequest}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param amount major currency units as a plain decimal string
 */
public record PayoutRequest(String tradeNo, String amount, String name, String email, String mobile,
        String bankType, String bankNumber, String identityType, String userIdentity, String notifyUrl,
        String remark, Map<String, String> extra) {

    private static final Set<String> COMPONENT_FIELDS = Set.of("tradeNo", "amount", "name", "email", "mobile",
            "bankType", "bankNumber", "identityType", "userIdentity", "notifyUrl", "remark");

    /** @throws IllegalArgumentException if tradeNo or amount is blank, or extra holds a component or sign */
    public PayoutRequest {
        RequestFields.require(tradeNo, "tradeNo");
        RequestFields.require(amount, "amount");
        extra = RequestFields.copyExtra(extra, COMPONENT_FIELDS);
    }

    /** A Brazil PIX payout, no extra fields. */
    public static PayoutRequest brazilPix(String tradeNo, String amount, String name, String email, String mobile,
            String bankType, String bankNumber, String identityType, String userIdentity, String notifyUrl,
            String remark) {
        return new PayoutRequest(tradeNo, amount, name, email, mobile, bankType, bankNumber, identityType,
                userIdentity, notifyUrl, remark, Map.of());
    }

    /** A copy with one more (or a replaced) extra field. */
    public PayoutRequest withExtra(String key, String value) {
        return new PayoutRequest(tradeNo, amount, name, email, mobile, bankType, bankNumber, identityType,
                userIdentity, notifyUrl, remark, RequestFields.withEntry(extra, key, value));
    }

    /** The body fields, without {@code timestamp}/{@code sign} (unless in extra) and without null or empty values. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tradeNo", tradeNo);
        fields.put("amount", amount);
        RequestFields.putIfPresent(fields, "name", name);
        RequestFields.putIfPresent(fields, "email", email);
        RequestFields.putIfPresent(fields, "mobile", mobile);
        RequestFields.putIfPresent(fields, "bankType", bankType);
        RequestFields.putIfPresent(fields, "bankNumber", bankNumber);
        RequestFields.putIfPresent(fields, "identityType", identityType);
        RequestFields.putIfPresent(fields, "userIdentity", userIdentity);
        RequestFields.putIfPresent(fields, "notifyUrl", notifyUrl);
        RequestFields.putIfPresent(fields, "remark", remark);
        RequestFields.putExtra(fields, extra);
        return Collections.unmodifiableMap(fields);
    }
}
