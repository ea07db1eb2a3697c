package org.openpaypro.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.openpaypro.sdk.ApiResult;
import org.openpaypro.sdk.PayProClient;
import org.openpaypro.sdk.PayinData;
import org.openpaypro.sdk.PayinRequest;
import org.openpaypro.sdk.PayoutData;
import org.openpaypro.sdk.PayoutRequest;

/**
 * One client's way of calling the gateway: the merchant endpoints and the sandbox "complete" call. Three transports
 * send the same fields (see {@link Options.Transport}). An instance belongs to one client thread.
 */
abstract class Calls implements AutoCloseable {
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

    /** Where the gateway is and what every transport shares. */
    record Target(String host, int port, String adminToken, Requests requests, HttpClient sharedClient) {
        String baseUrl() {
            return "http://" + host + ":" + port;
        }
    }

    protected final Target target;

    Calls(Target target) {
        this.target = target;
    }

    static Calls open(Options.Transport transport, Target target) {
        return switch (transport) {
            case RAW -> new Raw(target);
            case JDK -> new Jdk(target);
            case SDK -> new Sdk(target);
        };
    }

    abstract Outcome call(Op op, BenchMerchant merchant, String tradeNo);

    abstract Outcome complete(String platformTradeNo);

    @Override
    public void close() {
    }

    Map<String, String> fields(Op op, String tradeNo) {
        return switch (op) {
            case PAYIN -> target.requests().payinFields(tradeNo);
            case PAYOUT -> target.requests().payoutFields(tradeNo);
            case QUERY_PAYIN, QUERY_PAYOUT -> Requests.queryFields(tradeNo);
            case BALANCE -> new java.util.LinkedHashMap<>();
        };
    }

    static Outcome envelope(int status, String body) {
        String code = JsonText.stringField(body, "code");
        if ("0000".equals(code)) {
            return new Outcome(true, JsonText.stringField(body, "platFormTradeNo"), null);
        }
        String msg = JsonText.stringField(body, "msg");
        return Outcome.failed("HTTP " + status + " code " + code + (msg == null ? "" : " " + msg));
    }

    static String completeBody() {
        return "{\"status\":\"0000\"}";
    }

    /** Pre-signed body over one kept-alive socket, no HTTP library. The cheapest for the client. */
    static final class Raw extends Calls {
        private final RawHttpConnection connection;
        private final String adminHeader;

        Raw(Target target) {
            super(target);
            this.connection = new RawHttpConnection(target.host(), target.port());
            this.adminHeader = "Authorization: Bearer " + target.adminToken() + "\r\n";
        }

        @Override
        Outcome call(Op op, BenchMerchant merchant, String tradeNo) {
            byte[] body = Requests.signedBody(fields(op, tradeNo), merchant.secret());
            try {
                RawHttpConnection.Response response =
                        connection.post(op.path, "merchantNo: " + merchant.merchantNo() + "\r\n", body);
                return envelope(response.status(), response.body());
            } catch (IOException | RuntimeException e) {
                return Outcome.failed(e.toString());
            }
        }

        @Override
        Outcome complete(String platformTradeNo) {
            try {
                RawHttpConnection.Response response = connection.post("/sandbox/v1/trades/" + platformTradeNo
                        + "/complete", adminHeader, completeBody().getBytes(StandardCharsets.UTF_8));
                return response.status() == 200 ? new Outcome(true, platformTradeNo, null)
                        : Outcome.failed("sandbox complete: HTTP " + response.status() + " " + response.body());
            } catch (IOException | RuntimeException e) {
                return Outcome.failed(e.toString());
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Pre-signed body through the shared JDK {@link HttpClient}. */
    static final class Jdk extends Calls {
        Jdk(Target target) {
            super(target);
        }

        @Override
        Outcome call(Op op, BenchMerchant merchant, String tradeNo) {
            byte[] body = Requests.signedBody(fields(op, tradeNo), merchant.secret());
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + op.path))
                    .timeout(Duration.ofSeconds(30))
                    .header("merchantNo", merchant.merchantNo())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return send(request, true);
        }

        @Override
        Outcome complete(String platformTradeNo) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/sandbox/v1/trades/"
                            + platformTradeNo + "/complete"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + target.adminToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(completeBody()))
                    .build();
            return send(request, false);
        }

        private Outcome send(HttpRequest request, boolean isEnvelope) {
            try {
                HttpResponse<String> response = target.sharedClient().send(request,
                        HttpResponse.BodyHandlers.ofString());
                if (isEnvelope) {
                    return envelope(response.statusCode(), response.body());
                }
                return response.statusCode() == 200 ? new Outcome(true, null, null)
                        : Outcome.failed("HTTP " + response.statusCode() + " " + response.body());
            } catch (IOException e) {
                return Outcome.failed(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed("interrupted");
            }
        }
    }

    /** The merchant SDK ({@link PayProClient}, which signs) over the shared JDK client; admin calls as {@link Jdk}. */
    static final class Sdk extends Calls {
        private final Jdk admin;

        Sdk(Target target) {
            super(target);
            this.admin = new Jdk(target);
        }

        @Override
        Outcome call(Op op, BenchMerchant merchant, String tradeNo) {
            try {
                PayProClient client = merchant.sdkClient(target);
                Requests requests = target.requests();
                ApiResult<?> result = switch (op) {
                    case PAYIN -> client.payin(PayinRequest.brazil(tradeNo, Requests.PAYIN_AMOUNT, Requests.NAME,
                            Requests.CPF, requests.notifyUrl(), Requests.REMARK));
                    case PAYOUT -> client.payout(PayoutRequest.brazilPix(tradeNo, Requests.PAYOUT_AMOUNT,
                            Requests.NAME, Requests.EMAIL, Requests.MOBILE, "CPF", Requests.CPF, "CPF", Requests.CPF,
                            requests.notifyUrl(), Requests.REMARK));
                    case QUERY_PAYIN -> client.queryPayin(tradeNo);
                    case QUERY_PAYOUT -> client.queryPayout(tradeNo);
                    case BALANCE -> client.queryBalance();
                };
                if (!result.accepted()) {
                    return Outcome.failed("code " + result.code() + " " + result.msg());
                }
                String platformTradeNo = result.data() instanceof PayinData payin ? payin.platFormTradeNo()
                        : result.data() instanceof PayoutData payout ? payout.platFormTradeNo() : null;
                return new Outcome(true, platformTradeNo, null);
            } catch (RuntimeException e) {
                return Outcome.failed(e.toString());
            }
        }

        @Override
        Outcome complete(String platformTradeNo) {
            return admin.complete(platformTradeNo);
        }
    }
}
