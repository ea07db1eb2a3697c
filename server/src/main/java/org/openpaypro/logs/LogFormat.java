package org.openpaypro.logs;

import java.util.Locale;

/**
 * How log lines are written on stdout ({@code OPENPAYPRO_LOG_FORMAT}): {@code auto} (the default) writes text when
 * the process has a terminal ({@code System.console() != null}) and JSON lines otherwise (a container, a service,
 * a pipe). Immutable.
 */
public enum LogFormat {
    AUTO, JSON, TEXT;

    public static final String VARIABLE = "OPENPAYPRO_LOG_FORMAT";

    /** The format named by {@code text} (blank means auto), or null when it names none. */
    public static LogFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        for (LogFormat format : values()) {
            if (format.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }

    /** Whether this process writes JSON lines: read once from the environment and the terminal at start. */
    public static boolean jsonLines() {
        LogFormat format = parse(System.getenv(VARIABLE));
        // an invalid value stops the start in Config with one line; until then write what auto would
        return format == JSON || (format != TEXT && System.console() == null);
    }
}
