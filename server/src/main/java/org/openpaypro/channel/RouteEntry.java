package org.openpaypro.channel;

/** One channel of a route with its weight (0: failover only). Immutable. */
public record RouteEntry(String channel, int weight) {
}
