package org.openpaypro.channel;

/**
 * A channel setting is missing or malformed: {@code field} names it ({@code config.baseUrl},
 * {@code credentials.clientId}); the operator API answers 400 with {@link #getMessage()}. Never carries a secret.
 */
public final class InvalidChannelSetting extends RuntimeException {
    private final String field;

    public InvalidChannelSetting(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
