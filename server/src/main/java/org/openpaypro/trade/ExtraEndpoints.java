package org.openpaypro.trade;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openpaypro.channel.Channels;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.RailResult;
import org.openpaypro.country.Check;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Operation;
import org.openpaypro.error.Rejection;
import org.openpaypro.http.MerchantEndpoints;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;

/**
 * The country-specific extra operations (spec §6.3 and §6.1): Indonesia's account check and proof voucher (a PDF
 * receipt served at {@code GET /voucher/{platFormTradeNo}?expires=...&token=...}, the token an HMAC of the trade
 * number and the expiry, so the link is the credential and stops working {@link #VOUCHER_LIFETIME} after it was
 * issued), Kenya's query by M-Pesa receipt code, Bangladesh's payer transaction submission. Every
 * outcome still goes through {@link TradeService}. Thread-safe.
 */
public final class ExtraEndpoints {
    /** How long a voucher link works; a merchant asks the voucher endpoint again for a fresh one. */
    public static final Duration VOUCHER_LIFETIME = Duration.ofDays(7);
    public static final Check CODE = Check.regex("[A-Za-z0-9]{6,32}", Rejection.RECEIPT_CODE_MALFORMED);
    /** Our platFormTradeNo shape (16 lower-case base36); anything else cannot name one of our orders. */
    public static final Check PLATFORM_TRADE_NO = Check.regex("[0-9a-z]{16}",
            Rejection.PLATFORM_TRADE_NO_MALFORMED);
    public static final Check TRANSACTION_ID = Check.regex("[A-Za-z0-9_-]{4,64}", Rejection.TRANSACTION_ID_MALFORMED);

    private final TradeService trades;
    private final Channels channels;
    private final MerchantService merchants;
    private final Countries countries;
    private final String publicUrl;
    private final SecretKeySpec voucherKey;

    /** {@code voucherKey}: the HMAC key of voucher links, derived from the master key (never the key itself). */
    public ExtraEndpoints(TradeService trades, Channels channels, MerchantService merchants, Countries countries,
                          String publicUrl, byte[] voucherKey) {
        this.trades = trades;
        this.channels = channels;
        this.merchants = merchants;
        this.countries = countries;
        this.publicUrl = publicUrl;
        this.voucherKey = new SecretKeySpec(voucherKey, "HmacSHA256");
    }

    public MerchantEndpoints.Handler accountVerify() {
        return (profile, endpoint, request) -> {
            Map<String, String> fields = endpoint.spec().validate(request.body());
            String accountNo = fields.get("bankAccountNo");
            String name = connector(profile.code(), Operation.PAYOUT, "account_verify")
                    .verifyAccount(profile.code(), fields.get("bankCode"), accountNo)
                    .orElseThrow(Rejection.ACCOUNT_NOT_FOUND::with);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("bankAccountNo", accountNo);
            data.put("bankAccountName", name);
            return data;
        };
    }

    public MerchantEndpoints.Handler voucher() {
        return (profile, endpoint, request) -> {
            String tradeNo = TradeEndpoints.field(request.body(), "tradeNo", TradeEndpoints.TRADE_NO, true);
            Trade trade = trades.query(request.merchant(), tradeNo, null);
            if (!TradeEndpoints.succeeded(trade)) {
                throw Rejection.VOUCHER_UNAVAILABLE.with();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            long expires = Instant.now().plus(VOUCHER_LIFETIME).getEpochSecond();
            data.put("url", publicUrl + "/voucher/" + trade.platformTradeNo() + "?expires=" + expires + "&token="
                    + token(trade.platformTradeNo(), expires));
            data.put("message", "success");
            return data;
        };
    }

    public MerchantEndpoints.Handler queryByCode() {
        return (profile, endpoint, request) -> {
            String code = TradeEndpoints.field(request.body(), "code", CODE, true);
            return TradeEndpoints.queryView(trades.findByChannelRef(request.merchant(), code)
                    .orElseThrow(Rejection.ORDER_NOT_FOUND::with), profile);
        };
    }

    /**
     * Bangladesh's payer transaction submission. The white-label brand's page names the pay-in by
     * {@code platFormTradeNo} and answers {@code data: true}; our earlier form names it by {@code tradeNo} and answers
     * the query view. Both keys may come together only if they name the same pay-in.
     */
    public MerchantEndpoints.Handler payinSubmit() {
        return (profile, endpoint, request) -> {
            connector(profile.code(), Operation.PAYIN, "payin_submit");
            Map<String, Object> body = request.body();
            String tradeNo = TradeEndpoints.field(body, "tradeNo", TradeEndpoints.TRADE_NO, false);
            String platformTradeNo = TradeEndpoints.field(body, "platFormTradeNo", PLATFORM_TRADE_NO, false);
            if (tradeNo == null && platformTradeNo == null) {
                throw Rejection.MISSING_FIELD.with("platFormTradeNo");
            }
            String transactionId = TradeEndpoints.field(body, "trxId", TRANSACTION_ID, true);
            Trade trade = submittedPayin(request.merchant(), tradeNo, platformTradeNo);
            if (trade.status() != TradeStatus.PROCESSING) {
                throw Rejection.ORDER_ALREADY_FINAL.with();
            }
            Optional<RailResult> result = channels.connector(trade.channel())
                    .orElseThrow(() -> Rejection.NO_CHANNEL.with(trade.country(), "payin_submit"))
                    .payerSubmitted(TradeService.ref(trade), transactionId);
            result.ifPresent(r -> trades.completeRail(trade.platformTradeNo(), r));
            Trade after = trades.find(trade.platformTradeNo()).orElse(trade);
            return platformTradeNo != null ? Boolean.TRUE : TradeEndpoints.queryView(after, profile);
        };
    }

    /** The connector of the first channel routed for {@code operation} in the country; 8000 when there is none. */
    private Connector connector(String country, Operation operation, String refusedAs) {
        return channels.first(country, operation.name()).flatMap(channels::connector)
                .orElseThrow(() -> Rejection.NO_CHANNEL.with(country, refusedAs));
    }

    /** The merchant's own pay-in named by either key (or both, which must agree); another's is "not found". */
    private Trade submittedPayin(Merchant merchant, String tradeNo, String platformTradeNo) {
        if (platformTradeNo == null) {
            return trades.query(merchant, tradeNo, Direction.PAYIN);
        }
        Trade trade = trades.find(platformTradeNo)
                .filter(found -> found.merchantId() == merchant.id() && found.direction() == Direction.PAYIN)
                .orElseThrow(Rejection.ORDER_NOT_FOUND::with);
        if (tradeNo != null && !tradeNo.equals(trade.tradeNo())) {
            throw Rejection.SUBMIT_KEYS_DIFFER.with();
        }
        return trade;
    }

    public void register(Javalin app) {
        app.get("/voucher/{platFormTradeNo}", this::servePdf);
    }

    private void servePdf(Context ctx) {
        String platformTradeNo = ctx.pathParam("platFormTradeNo");
        Optional<Trade> found = platformTradeNo.matches("[0-9a-z]{16}") ? trades.find(platformTradeNo)
                : Optional.empty();
        String token = ctx.queryParam("token");
        String expires = ctx.queryParam("expires");
        if (found.isEmpty() || token == null || expires == null || !expires.matches("[0-9]{1,12}")
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                token(platformTradeNo, Long.parseLong(expires)).getBytes(StandardCharsets.UTF_8))
                || !TradeEndpoints.succeeded(found.get())) {
            ctx.status(404).json(Map.of("error", "no such voucher"));
            return;
        }
        if (Instant.now().getEpochSecond() > Long.parseLong(expires)) {
            ctx.status(410).json(Map.of("error", "voucher link expired: ask the voucher endpoint for a new one"));
            return;
        }
        Trade trade = found.get();
        CountryProfile profile = countries.get(trade.country());
        String merchant = merchants.findById(trade.merchantId()).map(m -> m.name() + " (" + m.merchantNo() + ")")
                .orElse("");
        byte[] pdf = ReceiptPdf.render("OpenPayPro payment receipt", List.of(
                new String[] {"Merchant", merchant},
                new String[] {"Type", trade.direction() == Direction.PAYIN ? "Pay-in" : "Payout"},
                new String[] {"Merchant order", trade.tradeNo()},
                new String[] {"Gateway order", trade.platformTradeNo()},
                new String[] {"Amount", Amounts.formatTrimmed(trade.effectiveUnits()) + " " + trade.currency()},
                new String[] {"Status", trade.status().wire() + " " + trade.message()},
                new String[] {"Completed", TradeEndpoints.localTime(trade.finishedAt(), profile.zone()) + " ("
                        + profile.zone() + ")"},
                new String[] {"Reference", String.valueOf(trade.channelRef())}));
        ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"receipt-"
                + trade.platformTradeNo() + ".pdf\"").result(pdf);
    }

    /** HMAC-SHA256 over {@code platFormTradeNo|expiresEpochSeconds}, first 16 bytes in hex. */
    private String token(String platformTradeNo, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(voucherKey);
            byte[] digest = mac.doFinal((platformTradeNo + "|" + expiresEpochSeconds)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
