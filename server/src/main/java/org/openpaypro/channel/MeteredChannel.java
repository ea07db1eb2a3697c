package org.openpaypro.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

/**
 * Wraps a channel to count its calls: {@code openpaypro_channel_requests_total{channel,operation}} for every call
 * and {@code openpaypro_channel_errors_total{channel,operation}} for every call that threw (the exception goes on
 * unchanged). An empty answer ("still processing", "unknown account") is not an error. Every counter exists from
 * the start at zero, so dashboards and alerts see the series before the first failure. Thread-safe when the
 * wrapped channel is.
 */
public final class MeteredChannel implements Channel {
    static final List<String> OPERATIONS = List.of("create_payin", "submit_payout", "payer_submitted",
            "verify_account", "poll");

    private final Channel channel;
    private final Map<String, Counter> requests = new HashMap<>();
    private final Map<String, Counter> errors = new HashMap<>();

    public MeteredChannel(Channel channel, MeterRegistry registry) {
        this.channel = channel;
        for (String operation : OPERATIONS) {
            requests.put(operation, Counter.builder("openpaypro_channel_requests")
                    .description("calls to a payment channel").tag("channel", channel.name())
                    .tag("operation", operation).register(registry));
            errors.put(operation, Counter.builder("openpaypro_channel_errors")
                    .description("calls to a payment channel that failed with an exception")
                    .tag("channel", channel.name()).tag("operation", operation).register(registry));
        }
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public PayinInstructions createPayin(NewTrade trade, Merchant merchant) {
        return counted("create_payin", () -> channel.createPayin(trade, merchant));
    }

    @Override
    public PayoutSubmission submitPayout(NewTrade trade, Instant now) {
        return counted("submit_payout", () -> channel.submitPayout(trade, now));
    }

    @Override
    public Optional<ChannelResult> payerSubmitted(Trade trade, String transactionId) {
        return counted("payer_submitted", () -> channel.payerSubmitted(trade, transactionId));
    }

    @Override
    public Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
        return counted("verify_account", () -> channel.verifyAccount(country, bankCode, accountNo));
    }

    @Override
    public Optional<ChannelResult> poll(Trade trade) {
        return counted("poll", () -> channel.poll(trade));
    }

    private <T> T counted(String operation, Supplier<T> call) {
        requests.get(operation).increment();
        try {
            return call.get();
        } catch (RuntimeException e) {
            errors.get(operation).increment();
            throw e;
        }
    }
}
