package org.openpaypro.trade;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.openpaypro.protocol.TradeStatus;

/**
 * A pay-in or payout order (DESIGN §4, §6). Amounts are scale-4 units ({@code ...Units}: 1.5 BRL is 15000);
 * {@code amountText} is the merchant's own amount string, echoed in queries and callbacks (spec OP-7).
 * {@code details} holds the country-specific fields. Made with {@link #builder()} (a row, a stored draft) or copied
 * with {@link #toBuilder()}, not through the 23 positional components. Immutable.
 *
 * @param paidUnits what the payer of a pay-in paid when the rail reported an amount below {@code amountUnits}
 *                  (partial payment), else null
 * @param settleAt  when a successful pay-in's net amount becomes available (T+N), else null
 */
public record Trade(
        long id,
        String platformTradeNo,
        long merchantId,
        String tradeNo,
        Direction direction,
        String country,
        String currency,
        long amountUnits,
        String amountText,
        long feeUnits,
        Long paidUnits,
        TradeStatus status,
        String message,
        String notifyUrl,
        String returnUrl,
        String remark,
        Map<String, String> details,
        String channel,
        String channelRef,
        Instant createdAt,
        Instant finishedAt,
        Instant settleAt,
        Instant settledAt) {

    public Trade {
        Objects.requireNonNull(platformTradeNo, "platformTradeNo");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
    }

    /** What the merchant's account is finally credited with (pay-in) or what the payout moved, scale-4 units. */
    public long effectiveUnits() {
        return paidUnits != null ? paidUnits : amountUnits;
    }

    /** An empty builder: {@code details} empty, everything else zero or null. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this trade's values, for a copy with a few of them changed. */
    public Builder toBuilder() {
        return builder().id(id).platformTradeNo(platformTradeNo).merchantId(merchantId).tradeNo(tradeNo)
                .direction(direction).country(country).currency(currency).amountUnits(amountUnits)
                .amountText(amountText).feeUnits(feeUnits).paidUnits(paidUnits).status(status).message(message)
                .notifyUrl(notifyUrl).returnUrl(returnUrl).remark(remark).details(details).channel(channel)
                .channelRef(channelRef).createdAt(createdAt).finishedAt(finishedAt).settleAt(settleAt)
                .settledAt(settledAt);
    }

    /** Collects the values of a {@link Trade}; start from {@link Trade#builder()}. Not thread-safe. */
    public static final class Builder {
        private long id;
        private String platformTradeNo;
        private long merchantId;
        private String tradeNo;
        private Direction direction;
        private String country;
        private String currency;
        private long amountUnits;
        private String amountText;
        private long feeUnits;
        private Long paidUnits;
        private TradeStatus status;
        private String message;
        private String notifyUrl;
        private String returnUrl;
        private String remark;
        private Map<String, String> details = Map.of();
        private String channel;
        private String channelRef;
        private Instant createdAt;
        private Instant finishedAt;
        private Instant settleAt;
        private Instant settledAt;

        private Builder() {
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder platformTradeNo(String platformTradeNo) {
            this.platformTradeNo = platformTradeNo;
            return this;
        }

        public Builder merchantId(long merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        public Builder tradeNo(String tradeNo) {
            this.tradeNo = tradeNo;
            return this;
        }

        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder amountUnits(long amountUnits) {
            this.amountUnits = amountUnits;
            return this;
        }

        public Builder amountText(String amountText) {
            this.amountText = amountText;
            return this;
        }

        public Builder feeUnits(long feeUnits) {
            this.feeUnits = feeUnits;
            return this;
        }

        public Builder paidUnits(Long paidUnits) {
            this.paidUnits = paidUnits;
            return this;
        }

        public Builder status(TradeStatus status) {
            this.status = status;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder notifyUrl(String notifyUrl) {
            this.notifyUrl = notifyUrl;
            return this;
        }

        public Builder returnUrl(String returnUrl) {
            this.returnUrl = returnUrl;
            return this;
        }

        public Builder remark(String remark) {
            this.remark = remark;
            return this;
        }

        public Builder details(Map<String, String> details) {
            this.details = details;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder channelRef(String channelRef) {
            this.channelRef = channelRef;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder settleAt(Instant settleAt) {
            this.settleAt = settleAt;
            return this;
        }

        public Builder settledAt(Instant settledAt) {
            this.settledAt = settledAt;
            return this;
        }

        public Trade build() {
            return new Trade(id, platformTradeNo, merchantId, tradeNo, direction, country, currency, amountUnits,
                    amountText, feeUnits, paidUnits, status, message, notifyUrl, returnUrl, remark, details, channel,
                    channelRef, createdAt, finishedAt, settleAt, settledAt);
        }
    }
}
