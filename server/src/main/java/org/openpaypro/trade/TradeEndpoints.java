package org.openpaypro.trade;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.country.Check;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Endpoint;
import org.openpaypro.country.Extra;
import org.openpaypro.country.Flaw;
import org.openpaypro.country.RequestSpec;
import org.openpaypro.error.Rejection;
import org.openpaypro.http.MerchantAuth.Authenticated;
import org.openpaypro.http.MerchantEndpoints;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.protocol.AmountFormatException;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;

/**
 * The merchant-facing trade operations (spec §3, §6): turn an authenticated body into a {@link TradeCommand} (common
 * fields here, country fields by the endpoint's spec), call the service, shape the {@code data} with the country's
 * extras. Thread-safe.
 */
public final class TradeEndpoints {
    public static final Check TRADE_NO = Check.regex("[A-Za-z0-9_-]{1,64}", Rejection.TRADE_NO_MALFORMED);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TradeService service;
    private final NotifyUrlPolicy notifyUrls;

    public TradeEndpoints(TradeService service, NotifyUrlPolicy notifyUrls) {
        this.service = service;
        this.notifyUrls = notifyUrls;
    }

    public MerchantEndpoints.Handler payin() {
        return (profile, endpoint, request) -> {
            TradeCommand command = command(profile, endpoint, request, profile.minPayinUnits());
            Trade trade = service.createPayin(request.merchant(), command);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tradeNo", trade.tradeNo());
            data.put("platFormTradeNo", trade.platformTradeNo());
            data.put("status", trade.status().wire());
            data.put("desc", trade.message());
            data.put("remark", trade.remark());
            data.put("paymentUrl", trade.details().get("paymentUrl"));
            if (trade.details().containsKey("qrCode")) {
                data.put("qrCode", trade.details().get("qrCode"));
            }
            if (profile.has(Extra.PAYIN_SERIAL_NUMBER)) {
                data.put("serialNumber", trade.channelRef());
            }
            data.put("paymentLink", trade.details().get("paymentUrl"));
            data.put("paymentInfo", paymentInfo(trade));
            return data;
        };
    }

    /**
     * What the white-label brand's clients read (issue 10): {@code paymentLink} is the {@code paymentUrl} under the
     * brand's name, {@code paymentInfo} the payment instructions as one object. Additive for every other merchant.
     */
    private static Map<String, Object> paymentInfo(Trade trade) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("paymentLink", trade.details().get("paymentUrl"));
        info.put("amount", trade.amountText());
        info.put("currency", trade.currency());
        for (String key : java.util.List.of("channelCode", "wayCode", "payType", "qrCode")) {
            if (trade.details().containsKey(key)) {
                info.put(key, trade.details().get(key));
            }
        }
        return info;
    }

    public MerchantEndpoints.Handler payout() {
        return (profile, endpoint, request) -> {
            Trade trade = service.createPayout(request.merchant(),
                    command(profile, endpoint, request, profile.minPayoutUnits()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tradeNo", trade.tradeNo());
            data.put("platFormTradeNo", trade.platformTradeNo());
            data.put("status", trade.status().wire());
            return data;
        };
    }

    public MerchantEndpoints.Handler query(Direction direction) {
        return (profile, endpoint, request) -> {
            String tradeNo = field(request.body(), "tradeNo", TRADE_NO, true);
            return queryView(service.query(request.merchant(), tradeNo, direction), profile);
        };
    }

    /** The query answer (spec §3.3/§3.4) plus the country's extras. */
    public static Map<String, Object> queryView(Trade trade, CountryProfile profile) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("platFormTradeNo", trade.platformTradeNo());
        data.put("tradeNo", trade.tradeNo());
        data.put("amount", trade.amountText());
        data.put("status", trade.status().wire());
        data.put("message", trade.message());
        if (succeeded(trade)) {
            data.put("successTime", localTime(trade.finishedAt(), profile.zone()));
        }
        if (profile.has(Extra.QUERY_CREATE_TIME)) {
            data.put("createTime", localTime(trade.createdAt(), profile.zone()));
        }
        if (profile.has(Extra.QUERY_RECEIVED_AMOUNT) && trade.paidUnits() != null) {
            data.put("receivedAmount", Amounts.formatTrimmed(trade.paidUnits()));
        }
        if (profile.has(Extra.UTR) && trade.direction() == Direction.PAYOUT && succeeded(trade)) {
            data.put("utr", trade.channelRef());
        }
        if (profile.has(Extra.QUERY_ORDER_AND_PAY_AMOUNT)) {
            data.put("orderAmount", trade.amountText());
            if (trade.status().terminal()) {
                data.put("payAmount", succeeded(trade) ? Amounts.formatTrimmed(trade.effectiveUnits()) : "0");
            }
        }
        if (profile.has(Extra.QUERY_WAY_CODE) && trade.direction() == Direction.PAYIN) {
            for (String key : java.util.List.of("channelCode", "wayCode")) {
                if (trade.details().containsKey(key)) {
                    data.put(key, trade.details().get(key));
                }
            }
        }
        return data;
    }

    public static boolean succeeded(Trade trade) {
        return trade.status() == TradeStatus.SUCCESS || trade.status() == TradeStatus.PARTIAL;
    }

    /** "yyyy-MM-dd HH:mm:ss" in the country's time zone (spec §1.7). */
    public static String localTime(java.time.Instant instant, ZoneId zone) {
        return LOCAL_TIME.format(instant.atZone(zone));
    }

    private TradeCommand command(CountryProfile profile, Endpoint endpoint, Authenticated request,
                                 long minimumUnits) {
        Map<String, Object> body = request.body();
        String tradeNo = field(body, "tradeNo", TRADE_NO, true);
        String amountText = RequestSpec.text(body, "amount");
        if (amountText == null) {
            throw Rejection.MISSING_FIELD.with("amount");
        }
        long amountUnits = amountUnits(profile, amountText, minimumUnits);
        String notifyUrl = notifyUrl(request.merchant(), RequestSpec.text(body, "notifyUrl"));
        Map<String, String> details = new LinkedHashMap<>(endpoint.spec().validate(body));
        String returnUrl = details.remove("returnUrl");
        String remark = details.remove("remark");
        return new TradeCommand(tradeNo, amountUnits, amountText, notifyUrl, returnUrl, remark, Map.copyOf(details));
    }

    static long amountUnits(CountryProfile profile, String text, long minimumUnits) {
        String max = Amounts.format(profile.maxAmountUnits(), profile.amountDecimals());
        long amount;
        try {
            amount = Amounts.parse(text, profile.amountDecimals());
        } catch (AmountFormatException e) {
            throw switch (e.reason()) {
                case TOO_LARGE -> Rejection.AMOUNT_ABOVE_MAX.with(max);
                case TOO_LONG -> Rejection.AMOUNT_TOO_LONG.with();
                case NOT_WHOLE -> Rejection.AMOUNT_NOT_WHOLE.with();
                case TOO_MANY_DECIMALS -> Rejection.AMOUNT_TOO_MANY_DECIMALS.with(profile.amountDecimals());
                case MISSING -> Rejection.MISSING_FIELD.with("amount");
                case NOT_PLAIN -> Rejection.AMOUNT_NOT_A_NUMBER.with();
            };
        }
        if (amount <= 0) {
            throw Rejection.AMOUNT_NOT_POSITIVE.with();
        }
        if (amount < minimumUnits) {
            throw Rejection.AMOUNT_BELOW_MIN.with(Amounts.format(minimumUnits, profile.amountDecimals()));
        }
        if (amount > profile.maxAmountUnits()) {
            throw Rejection.AMOUNT_ABOVE_MAX.with(max);
        }
        return amount;
    }

    private String notifyUrl(Merchant merchant, String given) {
        String url = given != null ? given : merchant.notifyUrl();
        if (url == null) {
            throw Rejection.MISSING_FIELD.with("notifyUrl");
        }
        return switch (notifyUrls.check(url)) {
            case OK -> url;
            case MALFORMED -> throw Rejection.URL_MALFORMED.with("notifyUrl", NotifyUrlPolicy.MAX_LENGTH);
            case FORBIDDEN_ADDRESS -> throw Rejection.NOTIFY_URL_FORBIDDEN.with();
        };
    }

    /** A validated field of the body; null when absent and not required. */
    public static String field(Map<String, Object> body, String name, Check check, boolean required) {
        String value = RequestSpec.text(body, name);
        if (value == null) {
            if (required) {
                throw Rejection.MISSING_FIELD.with(name);
            }
            return null;
        }
        Flaw problem = check.problem(value);
        if (problem != null) {
            throw problem.rejectionOf(name);
        }
        return value;
    }
}
