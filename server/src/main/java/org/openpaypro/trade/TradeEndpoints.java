package org.openpaypro.trade;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.country.Check;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.RequestSpec;
import org.openpaypro.http.MerchantAuth.Authenticated;
import org.openpaypro.http.MerchantEndpoints;
import org.openpaypro.http.Rejection;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.protocol.AmountFormatException;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;

/**
 * The merchant-facing trade operations (spec §3): turn an authenticated body into a {@link TradeCommand} (common
 * fields here, country fields by the profile), call the service, shape the {@code data}. Thread-safe.
 */
public final class TradeEndpoints {
    private static final Check TRADE_NO = Check.regex("[A-Za-z0-9_-]{1,64}",
            "must be 1-64 characters of A-Z, a-z, 0-9, _ and -");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TradeService service;
    private final NotifyUrlPolicy notifyUrls;

    public TradeEndpoints(TradeService service, NotifyUrlPolicy notifyUrls) {
        this.service = service;
        this.notifyUrls = notifyUrls;
    }

    public MerchantEndpoints.Handler payin() {
        return (profile, request) -> {
            TradeCommand command = command(profile, profile.payin(), request);
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
            return data;
        };
    }

    public MerchantEndpoints.Handler payout() {
        return (profile, request) -> {
            Trade trade = service.createPayout(request.merchant(), command(profile, profile.payout(), request));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tradeNo", trade.tradeNo());
            data.put("platFormTradeNo", trade.platformTradeNo());
            data.put("status", trade.status().wire());
            return data;
        };
    }

    public MerchantEndpoints.Handler query(Direction direction) {
        return (profile, request) -> {
            String tradeNo = field(request.body(), "tradeNo", TRADE_NO, true);
            return queryView(service.query(request.merchant(), tradeNo, direction), profile.zone());
        };
    }

    static Map<String, Object> queryView(Trade trade, ZoneId zone) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("platFormTradeNo", trade.platformTradeNo());
        data.put("tradeNo", trade.tradeNo());
        data.put("amount", trade.amountText());
        data.put("status", trade.status().wire());
        data.put("message", trade.message());
        if (trade.status() == TradeStatus.SUCCESS || trade.status() == TradeStatus.PARTIAL) {
            data.put("successTime", localTime(trade, zone));
        }
        return data;
    }

    /** "yyyy-MM-dd HH:mm:ss" in the country's time zone (spec §1.7). */
    public static String localTime(Trade trade, ZoneId zone) {
        return LOCAL_TIME.format(trade.finishedAt().atZone(zone));
    }

    private TradeCommand command(CountryProfile profile, RequestSpec spec, Authenticated request) {
        Map<String, Object> body = request.body();
        String tradeNo = field(body, "tradeNo", TRADE_NO, true);
        String amountText = RequestSpec.text(body, "amount");
        if (amountText == null) {
            throw Rejection.MISSING_FIELD.with("amount");
        }
        long amount = amount(profile, amountText);
        String notifyUrl = notifyUrl(request.merchant(), RequestSpec.text(body, "notifyUrl"));
        Map<String, String> details = new LinkedHashMap<>(spec.validate(body));
        String returnUrl = details.remove("returnUrl");
        String remark = details.remove("remark");
        return new TradeCommand(tradeNo, amount, amountText, notifyUrl, returnUrl, remark, Map.copyOf(details));
    }

    private static long amount(CountryProfile profile, String text) {
        long amount;
        try {
            amount = Amounts.parse(text, profile.amountDecimals());
        } catch (AmountFormatException e) {
            if (e.getMessage().contains("too large")) {
                throw Rejection.AMOUNT_ABOVE_MAX.with(Amounts.format(profile.maxAmountUnits(), profile.amountDecimals()));
            }
            throw Rejection.INVALID_AMOUNT.with(e.getMessage());
        }
        if (amount <= 0) {
            throw Rejection.AMOUNT_NOT_POSITIVE.with();
        }
        if (amount < profile.minAmountUnits()) {
            throw Rejection.AMOUNT_BELOW_MIN.with(Amounts.format(profile.minAmountUnits(), profile.amountDecimals()));
        }
        if (amount > profile.maxAmountUnits()) {
            throw Rejection.AMOUNT_ABOVE_MAX.with(Amounts.format(profile.maxAmountUnits(), profile.amountDecimals()));
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
            case MALFORMED -> throw Rejection.INVALID_FIELD.with("notifyUrl", "must be an http(s) URL with a host, "
                    + "at most " + NotifyUrlPolicy.MAX_LENGTH + " characters");
            case FORBIDDEN_ADDRESS -> throw Rejection.NOTIFY_URL_FORBIDDEN.with();
        };
    }

    private static String field(Map<String, Object> body, String name, Check check, boolean required) {
        String value = RequestSpec.text(body, name);
        if (value == null) {
            if (required) {
                throw Rejection.MISSING_FIELD.with(name);
            }
            return null;
        }
        String problem = check.problem(value);
        if (problem != null) {
            throw Rejection.INVALID_FIELD.with(name, problem);
        }
        return value;
    }
}
