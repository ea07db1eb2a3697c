package org.openpaypro.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps one channel's connector to count its calls and keep its health: {@code openpaypro_channel_requests_total
 * {channel,operation}} for every call, {@code openpaypro_channel_errors_total{channel,operation}} for every call
 * that threw, was refused or ended unknown, and the channel's last success, last error and error count in the
 * database (a success is written at most once a second per node). Every counter exists from the start at zero.
 * A connector's exception on a create is turned into {@link CreateOutcome.Unknown} (the request may have left).
 * Thread-safe when the wrapped connector is.
 */
final class MeteredConnector implements Connector {
    static final List<String> OPERATIONS = List.of("create_payin", "submit_payout", "query", "webhook",
            "register_webhook", "payer_submitted", "verify_account");
    private static final Logger log = LoggerFactory.getLogger(MeteredConnector.class);
    private static final long SUCCESS_WRITE_INTERVAL_MILLIS = 1000;

    private final String name;
    private final Connector connector;
    private final Jdbi jdbi;
    private final ChannelRepository store;
    private final Map<String, Counter> requests = new HashMap<>();
    private final Map<String, Counter> errors = new HashMap<>();
    private final AtomicLong lastSuccessWritten = new AtomicLong();

    MeteredConnector(String name, Connector connector, Jdbi jdbi, ChannelRepository store, MeterRegistry registry) {
        this.name = name;
        this.connector = connector;
        this.jdbi = jdbi;
        this.store = store;
        for (String operation : OPERATIONS) {
            requests.put(operation, Counter.builder("openpaypro_channel_requests")
                    .description("calls to a payment channel").tag("channel", name)
                    .tag("operation", operation).register(registry));
            errors.put(operation, Counter.builder("openpaypro_channel_errors")
                    .description("calls to a payment channel that failed, were refused or ended unknown")
                    .tag("channel", name).tag("operation", operation).register(registry));
        }
    }

    @Override
    public CreateOutcome<PayinInstructions> createPayin(PayinRequest request) {
        return create("create_payin", () -> connector.createPayin(request));
    }

    @Override
    public CreateOutcome<PayoutSubmission> submitPayout(PayoutRequest request) {
        return create("submit_payout", () -> connector.submitPayout(request));
    }

    @Override
    public Optional<RailResult> query(TradeRef trade) {
        return counted("query", () -> connector.query(trade));
    }

    @Override
    public WebhookAnswer onWebhook(WebhookCall call) {
        return counted("webhook", () -> connector.onWebhook(call));
    }

    @Override
    public boolean registerWebhook(String webhookUrl) {
        return counted("register_webhook", () -> connector.registerWebhook(webhookUrl));
    }

    @Override
    public Optional<RailResult> payerSubmitted(TradeRef trade, String transactionId) {
        return counted("payer_submitted", () -> connector.payerSubmitted(trade, transactionId));
    }

    @Override
    public Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
        return counted("verify_account", () -> connector.verifyAccount(country, bankCode, accountNo));
    }

    private <T> CreateOutcome<T> create(String operation, Supplier<CreateOutcome<T>> call) {
        requests.get(operation).increment();
        CreateOutcome<T> outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException e) {
            log.warn("channel {} {} threw; treated as unknown", name, operation, e);
            outcome = new CreateOutcome.Unknown<>("connector error: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof CreateOutcome.Refused<T> refused) {
            error(operation, "refused: " + refused.reason());
        } else if (outcome instanceof CreateOutcome.Unknown<T> unknown) {
            error(operation, "unknown: " + unknown.reason());
        } else {
            success();
        }
        return outcome;
    }

    private <T> T counted(String operation, Supplier<T> call) {
        requests.get(operation).increment();
        try {
            T result = call.get();
            success();
            return result;
        } catch (RuntimeException e) {
            error(operation, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private void success() {
        long now = System.currentTimeMillis();
        long last = lastSuccessWritten.get();
        if (now - last >= SUCCESS_WRITE_INTERVAL_MILLIS && lastSuccessWritten.compareAndSet(last, now)) {
            health(() -> jdbi.useHandle(handle -> store.recordSuccess(handle, name, Instant.now())));
        }
    }

    private void error(String operation, String error) {
        errors.get(operation).increment();
        String text = operation + ": " + error;
        health(() -> jdbi.useHandle(handle -> store.recordError(handle, name, Instant.now(),
                text.length() > 500 ? text.substring(0, 500) : text)));
    }

    /** Health is best effort: a database hiccup while recording it never fails the call itself. */
    private static void health(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.debug("channel health not recorded: {}", e.toString());
        }
    }
}
