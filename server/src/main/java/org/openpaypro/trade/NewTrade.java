package org.openpaypro.trade;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A validated order, ready to be stored as {@code 0015}; amounts in scale-4 units. Made with {@link #builder()}:
 * what is not known yet (the channel's reference, when to poll) is simply not set. Immutable.
 */
public record NewTrade(
        String platformTradeNo,
        long merchantId,
        String tradeNo,
        Direction direction,
        String country,
        String currency,
        long amountUnits,
        String amountText,
        long feeUnits,
        String notifyUrl,
        String returnUrl,
        String remark,
        Map<String, String> details,
        String channel,
        String channelRef,
        Instant pollAt) {

    public NewTrade {
        Objects.requireNonNull(platformTradeNo, "platformTradeNo");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(details, "details");
    }

    /** An empty builder: {@code details} empty, everything else zero or null. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the values of a {@link NewTrade}; start from {@link NewTrade#builder()}. Not thread-safe. */
    public static final class Builder {
        private String platformTradeNo;
        private long merchantId;
        private String tradeNo;
        private Direction direction;
        private String country;
        private String currency;
        private long amountUnits;
        private String amountText;
        private long feeUnits;
        private String notifyUrl;
        private String returnUrl;
        private String remark;
        private Map<String, String> details = Map.of();
        private String channel;
        private String channelRef;
        private Instant pollAt;

        private Builder() {
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

        public Builder pollAt(Instant pollAt) {
            this.pollAt = pollAt;
            return this;
        }

        public NewTrade build() {
            return new NewTrade(platformTradeNo, merchantId, tradeNo, direction, country, currency, amountUnits,
                    amountText, feeUnits, notifyUrl, returnUrl, remark, details, channel, channelRef, pollAt);
        }
    }
}
