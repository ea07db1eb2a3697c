package org.openpaypro.country;

/**
 * One documented merchant endpoint of a country: its path name (case-sensitive, as documented), what it does, the
 * country-specific fields it takes, whether the body must carry a {@code timestamp}, and whether it is the hosted
 * (cashier) variant of a pay-in. Immutable.
 */
public record Endpoint(String name, Operation operation, RequestSpec spec, boolean timestampRequired, boolean hosted) {
}
