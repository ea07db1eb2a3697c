package org.openpaypro.country;

/** One documented request field of an endpoint: its name, whether it is required, and its rule. Immutable. */
public record FieldRule(String name, boolean required, Check check) {
    public static FieldRule required(String name, Check check) {
        return new FieldRule(name, true, check);
    }

    public static FieldRule optional(String name, Check check) {
        return new FieldRule(name, false, check);
    }
}
