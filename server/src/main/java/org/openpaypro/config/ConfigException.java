package org.openpaypro.config;

/** A setting that stops the start: the message names the variable and says what to change. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
