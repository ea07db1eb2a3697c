package org.openpaypro.channel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.CreateOutcome;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.channel.PayinRequest;
import org.openpaypro.channel.PayoutRequest;
import org.openpaypro.channel.PayoutSubmission;
import org.openpaypro.channel.RailResult;
import org.openpaypro.channel.TradeRef;
import org.openpaypro.channel.WebhookAnswer;
import org.openpaypro.channel.WebhookCall;
import org.openpaypro.json.Json;
import org.openpaypro.protocol.TradeStatus;

/**
 * The sandbox rail (DESIGN §6), one connector among the others. A pay-in gets a hosted cashier page and a real PIX
 * BR Code; a person (or the sandbox API) pays or fails it. A payout finishes by itself after the configured delay:
 * successfully, unless its amount's whole part ends in {@code 13} (e.g. 13, 113.50, 2013), which the simulated bank
 * rejects. With the delay off, payouts wait for the sandbox API. Account checks know every account except those
 * ending in 0000. Its webhook ({@code POST {webhookUrl}}, body {@code {"platFormTradeNo","status","signature"}},
 * the signature {@link #webhookSignature} under the channel's {@code webhookSecret}, else its webhook URL)
 * confirms a result the way a rail's notification does; a wrong signature confirms nothing. Thread-safe
 * (immutable).
 */
public final class SimulatorChannel implements Connector {
    public static final String REJECTION_MESSAGE = "simulated bank rejection";
    public static final String REFUSAL_MESSAGE = "simulated refusal before creating anything";
    static final String PIX_KEY = "pix@sandbox.openpaypro.org";
    private static final List<String> HOLDERS = List.of("BUDI SANTOSO", "SITI RAHAYU",
            "AGUS SETIAWAN", "DEWI LESTARI", "RUDI HARTONO", "SRI WAHYUNI", "ANDI PRATAMA", "RINA KUSUMA");

    private final String publicUrl;
    private final Duration autocomplete;
    private final String createOutcome;
    private final String webhookKey;

    SimulatorChannel(String publicUrl, Duration autocomplete, String createOutcome, String webhookKey) {
        this.publicUrl = publicUrl;
        this.autocomplete = autocomplete;
        this.createOutcome = createOutcome;
        this.webhookKey = webhookKey;
    }

    @Override
    public CreateOutcome<PayinInstructions> createPayin(PayinRequest request) {
        return switch (createOutcome) {
            case "REFUSE" -> new CreateOutcome.Refused<>(REFUSAL_MESSAGE);
            case "UNKNOWN" -> new CreateOutcome.Unknown<>("simulated timeout");
            default -> {
                String qrCode = "BRL".equals(request.currency()) ? BrCode.build(PIX_KEY, request.merchantName(),
                        "SAO PAULO", request.amount().movePointRight(2).longValueExact(), request.platformTradeNo())
                        : null;
                yield new CreateOutcome.Accepted<>(new PayinInstructions(publicUrl + "/cashier/"
                        + request.platformTradeNo(), qrCode, receiptCode(request.platformTradeNo())));
            }
        };
    }

    @Override
    public CreateOutcome<PayoutSubmission> submitPayout(PayoutRequest request) {
        return switch (createOutcome) {
            case "REFUSE" -> new CreateOutcome.Refused<>(REFUSAL_MESSAGE);
            case "UNKNOWN" -> new CreateOutcome.Unknown<>("simulated timeout");
            default -> new CreateOutcome.Accepted<>(new PayoutSubmission(transferReference(request.platformTradeNo()),
                    autocomplete == null ? null : Instant.now().plus(autocomplete)));
        };
    }

    /** A submitted wallet transaction id pays the pay-in in full, unless it starts with FAIL. */
    @Override
    public Optional<RailResult> payerSubmitted(TradeRef trade, String transactionId) {
        return Optional.of(transactionId.startsWith("FAIL")
                ? RailResult.failed("wallet transaction not found", transactionId)
                : RailResult.succeeded(null, transactionId));
    }

    /** Accounts ending in 0000 do not exist; every other account has a name derived from its number. */
    @Override
    public Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
        if (accountNo.endsWith("0000")) {
            return Optional.empty();
        }
        int hash = Math.floorMod((bankCode + ":" + accountNo).hashCode(), HOLDERS.size());
        return Optional.of(HOLDERS.get(hash));
    }

    @Override
    public Optional<RailResult> query(TradeRef trade) {
        if (!trade.payout() || autocomplete == null) {
            return Optional.empty();
        }
        return Optional.of(rejects(trade.amount()) ? RailResult.failed(REJECTION_MESSAGE, null)
                : RailResult.succeeded(null, null));
    }

    @Override
    public WebhookAnswer onWebhook(WebhookCall call) {
        List<WebhookAnswer.Confirmed> confirmed = List.of();
        try {
            JsonNode body = Json.MAPPER.readTree(call.body());
            String no = body.path("platFormTradeNo").asText("");
            String status = body.path("status").asText("");
            String signature = body.path("signature").asText("");
            boolean succeeded = TradeStatus.SUCCESS.wire().equals(status);
            if (no.matches("[0-9a-z]{16}") && (succeeded || TradeStatus.FAILED.wire().equals(status))
                    && MessageDigest.isEqual(webhookSignature(webhookKey, no, status).getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8))) {
                RailResult result = succeeded ? RailResult.succeeded(null, null)
                        : RailResult.failed(body.path("message").asText("FAILED"), null);
                confirmed = List.of(new WebhookAnswer.Confirmed(no, null, result));
            }
        } catch (java.io.IOException | RuntimeException e) {
            confirmed = List.of();
        }
        return new WebhookAnswer(200, "text/plain; charset=utf-8", "OK", confirmed);
    }

    /** The simulator's webhook signature: hex HMAC-SHA256 of {@code platFormTradeNo|status} under {@code key}. */
    public static String webhookSignature(String key, String platformTradeNo, String status) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((platformTradeNo + "|" + status)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 10-character uppercase receipt code in the style of M-Pesa's, derived from the trade number. */
    static String receiptCode(String platformTradeNo) {
        return ("S" + platformTradeNo.substring(0, 9)).toUpperCase(Locale.ROOT);
    }

    /** A 12-digit transfer reference (UTR-like), derived from the trade number. */
    static String transferReference(String platformTradeNo) {
        long value = Math.floorMod(Long.parseLong(platformTradeNo.substring(0, 12), 36), 1_000_000_000_000L);
        return String.format("%012d", value);
    }

    /** The documented failing test amounts: whole part ending in 13. */
    public static boolean rejects(BigDecimal amount) {
        return amount.toBigInteger().mod(BigInteger.valueOf(100)).intValue() == 13;
    }
}
