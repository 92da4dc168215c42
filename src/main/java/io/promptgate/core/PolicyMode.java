package io.promptgate.core;

import java.util.Locale;

/** Where a prompt policy's text goes relative to the caller's own system prompt. */
public enum PolicyMode {
    PREPEND, APPEND, REPLACE;

    public static PolicyMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown policy mode '" + value + "' (expected prepend, append or replace)");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
