package org.openpaypro.countries;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The valid request bodies the country tests send, by country and endpoint name, for tests that drive every endpoint
 * of every country (the OpenAPI contract test). Brazil's come from the spec's §3 (it has no country test class).
 * Stateless.
 */
public final class CountryExamples {
    private CountryExamples() {
    }

    /** A valid body for a pay-in or payout endpoint of {@code country}, or null when it has no such endpoint. */
    public static Map<String, Object> create(String country, String endpoint, String tradeNo, String amount,
                                             String notifyUrl) {
        boolean payin = !endpoint.toLowerCase(java.util.Locale.ROOT).contains("payout");
        Map<String, ?> body = switch (country) {
            case "BR" -> payin ? brazilPayin(tradeNo, amount, notifyUrl) : brazilPayout(tradeNo, amount, notifyUrl);
            case "BD" -> payin ? BangladeshIT.payin(tradeNo, amount, notifyUrl)
                    : BangladeshIT.payout(tradeNo, amount, notifyUrl);
            case "EG" -> payin ? EgyptIT.payin(tradeNo, amount, notifyUrl) : EgyptIT.payout(tradeNo, amount, notifyUrl);
            case "IN" -> payin ? IndiaIT.payin(tradeNo, amount, notifyUrl) : IndiaIT.payout(tradeNo, amount, notifyUrl);
            case "ID" -> payin ? IndonesiaIT.payin(tradeNo, amount, notifyUrl)
                    : IndonesiaIT.payout(tradeNo, amount, notifyUrl);
            case "KE" -> kenya(endpoint, tradeNo, amount, notifyUrl);
            case "MX" -> payin ? MexicoIT.payin(tradeNo, amount, notifyUrl)
                    : MexicoIT.payout(tradeNo, amount, notifyUrl);
            case "NG" -> payin ? NigeriaIT.payin(tradeNo, amount, notifyUrl)
                    : NigeriaIT.payout(tradeNo, amount, notifyUrl);
            case "PK" -> !payin ? PakistanIT.payout(tradeNo, amount, notifyUrl) : endpoint.equals("payinApi")
                    ? PakistanIT.payinApi(tradeNo, amount, notifyUrl)
                    : PakistanIT.payinPage(tradeNo, amount, notifyUrl);
            case "PH" -> payin ? PhilippinesIT.payin(tradeNo, amount, "QRPH", notifyUrl)
                    : PhilippinesIT.payout(tradeNo, amount, notifyUrl);
            case "VN" -> payin ? VietnamIT.payin(tradeNo, amount, notifyUrl)
                    : VietnamIT.payout(tradeNo, amount, notifyUrl);
            default -> null;
        };
        return body == null ? null : new LinkedHashMap<>(body);
    }

    private static Map<String, String> brazilPayin(String tradeNo, String amount, String notifyUrl) {
        return Map.of("tradeNo", tradeNo, "amount", amount, "name", "Maria Souza", "identityType", "CPF",
                "userIdentity", "12345678909", "notifyUrl", notifyUrl, "remark", "contract");
    }

    private static Map<String, String> brazilPayout(String tradeNo, String amount, String notifyUrl) {
        Map<String, String> body = new LinkedHashMap<>(Map.of("tradeNo", tradeNo, "amount", amount, "name",
                "Maria Souza", "email", "maria@example.com", "mobile", "+5511987654321", "bankType", "CPF",
                "bankNumber", "12345678909", "identityType", "CPF", "userIdentity", "12345678909"));
        body.put("notifyUrl", notifyUrl);
        body.put("remark", "contract");
        return body;
    }

    private static Map<String, Object> kenya(String endpoint, String tradeNo, String amount, String notifyUrl) {
        Map<String, Object> body = KenyaIT.base(endpoint);
        body.put("tradeNo", tradeNo);
        body.put("amount", amount);
        body.put("notifyUrl", notifyUrl);
        return body;
    }

    /** Indonesia's account check body (the bank account of its payout example). */
    public static Map<String, Object> accountVerify() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bankAccountNo", "5464438554636");
        body.put("bankCode", "0002");
        return body;
    }
}
