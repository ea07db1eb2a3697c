package org.openpaypro.channel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openpaypro.country.Operation;
import org.openpaypro.error.Rejection;
import org.openpaypro.trade.Trade;

/**
 * Which channel serves a country and operation, consulted before anything is written (DESIGN §13). This is the
 * seam the "real rails" work fills with channels and routes stored in the database. Until then: in sandbox mode
 * the built-in simulator serves everything; in live mode nothing does, so every create, payer submission and
 * account check is refused ({@link Rejection#NO_CHANNEL}) and the simulator is never reachable. Immutable,
 * thread-safe.
 */
public final class Channels {
    private final Map<String, Channel> byName;
    private final Channel defaultRoute;

    private Channels(Map<String, Channel> byName, Channel defaultRoute) {
        this.byName = Map.copyOf(byName);
        this.defaultRoute = defaultRoute;
    }

    /** Sandbox mode: the simulator serves every country and operation. */
    public static Channels sandbox(Channel simulator) {
        return new Channels(Map.of(simulator.name(), simulator), simulator);
    }

    /** Live mode: no channel at all until real rails are configured. */
    public static Channels none() {
        return new Channels(Map.of(), null);
    }

    /** The channel that serves {@code operation} in {@code country}, if any. */
    public Optional<Channel> route(String country, Operation operation) {
        return Optional.ofNullable(defaultRoute);
    }

    /** As {@link #route}, refusing with {@link Rejection#NO_CHANNEL} when none is configured. */
    public Channel require(String country, Operation operation) {
        return route(country, operation).orElseThrow(() -> Rejection.NO_CHANNEL.with(country,
                operation.name().toLowerCase(Locale.ROOT)));
    }

    /** The channel an existing trade was created on, if it is configured in this mode. */
    public Optional<Channel> of(Trade trade) {
        return Optional.ofNullable(byName.get(trade.channel()));
    }

    /** As {@link #of}, refusing with {@link Rejection#NO_CHANNEL} when the trade's channel is not configured. */
    public Channel require(Trade trade, Operation operation) {
        return of(trade).orElseThrow(() -> Rejection.NO_CHANNEL.with(trade.country(),
                operation.name().toLowerCase(Locale.ROOT)));
    }
}
