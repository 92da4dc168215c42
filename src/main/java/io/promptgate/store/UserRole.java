package io.promptgate.store;

import java.util.Locale;

/** What a console / admin API user may do. */
public enum UserRole {
    USER, ADMIN;

    public static UserRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + value + "' (expected user or admin)");
        }
    }

    /** The stored and configured name: {@code user} or {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
