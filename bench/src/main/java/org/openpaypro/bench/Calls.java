package org.openpaypro.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client's way of calling the gateway: the merchant endpoints and the sandbox "complete" call, each body built
 * and signed here ({@link Requests}) and written to one kept-alive socket ({@link RawHttpConnection}): the cheapest
 * client for a driver that shares two cores with the gateway (docs/PERFORMANCE.md). One instance per client thread.
 */
final class Calls implements AutoCloseable {
    enum Op {
        PAYIN("payin"), PAYOUT("payout"), QUERY_PAYIN("queryPayInResult"), QUERY_PAYOUT("queryPayOutResult"),
        BALANCE("queryBalance");

        final String path;

        Op(String endpoint) {
            this.path = "/v1/paypro/" + endpoint;
        }
    }

    /** Accepted (outer code 0000, or HTTP 200 for the sandbox call), the platform trade number if any, or why not. */
    record Outcome(boolean ok, String platformTradeNo, String error) {
        static Outcome failed(String error) {
            return new Outcome(false, null, error);
        }
    }

    /** Where the gateway is and what every client shares. */
    record Target(String host, int port, String adminToken, Requests requests) {
    }

    private static final byte[] COMPLETE_BODY = "{\"status\":\"0000\"}".getBytes(StandardCharsets.UTF_8);

    private final Target target;
    private final RawHttpConnection connection;
    private final String adminHeader;
    private String lastSign;

    Calls(Target target) {
        this.target = target;
        this.connection = new RawHttpConnection(target.host(), target.port());
        this.adminHeader = "Authorization: Bearer " + target.adminToken() + "\r\n";
    }

    Outcome call(Op op, BenchMerchant merchant, String tradeNo) {
        Map<String, String> fields = fields(op, tradeNo);
        byte[] body = Requests.signedBody(fields, merchant.secret());
        lastSign = fields.get("sign");
        try {
            RawHttpConnection.Response response =
                    connection.send("POST", op.path, "merchantNo: " + merchant.merchantNo() + "\r\n", body);
            String code = field(response.body(), "code");
            if ("0000".equals(code)) {
                return new Outcome(true, field(response.body(), "platFormTradeNo"), null);
            }
            String msg = field(response.body(), "msg");
            return Outcome.failed("HTTP " + response.status() + " code " + code + (msg == null ? "" : " " + msg));
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    /** The sign of the last merchant request this client sent (the replay guard records it). */
    String lastSign() {
        return lastSign;
    }

    Outcome complete(String platformTradeNo) {
        return admin("POST", "/sandbox/v1/trades/" + platformTradeNo + "/complete", COMPLETE_BODY, platformTradeNo);
    }

    /** The first page of a merchant's trade list ({@code GET /admin/v1/trades}, what the console and portal ask). */
    Outcome tradeList(BenchMerchant merchant) {
        return admin("GET", "/admin/v1/trades?merchantNo=" + merchant.merchantNo(), new byte[0], null);
    }

    private Outcome admin(String method, String path, byte[] body, String platformTradeNo) {
        try {
            RawHttpConnection.Response response = connection.send(method, path, adminHeader, body);
            return response.status() == 200 ? new Outcome(true, platformTradeNo, null)
                    : Outcome.failed(method + " " + path + ": HTTP " + response.status() + " " + response.body());
        } catch (IOException | RuntimeException e) {
            return Outcome.failed(e.toString());
        }
    }

    private Map<String, String> fields(Op op, String tradeNo) {
        return switch (op) {
            case PAYIN -> target.requests().payinFields(tradeNo);
            case PAYOUT -> target.requests().payoutFields(tradeNo);
            case QUERY_PAYIN, QUERY_PAYOUT -> new LinkedHashMap<>(Map.of("tradeNo", tradeNo));
            case BALANCE -> new LinkedHashMap<>();
        };
    }

    /**
     * The value of the first {@code "name":"value"} pair of a JSON answer, or null: no JSON parser on the hot path. A
     * key inside a JSON string would have its quotes escaped, so the first match is a real key. Simple values only.
     */
    static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        int start = at < 0 ? -1 : at + key.length() + (json.startsWith(" ", at + key.length()) ? 1 : 0);
        int end = start < 0 || !json.startsWith("\"", start) ? -1 : json.indexOf('"', start + 1);
        return end < 0 ? null : json.substring(start + 1, end);
    }

    @Override
    public void close() {
        connection.close();
    }
}
