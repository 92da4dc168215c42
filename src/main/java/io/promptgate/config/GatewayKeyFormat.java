package io.promptgate.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a gateway key looks like: {@code pg_} followed by letters, digits, {@code _} or {@code -},
 * at least {@value #MIN_LENGTH} characters in all. Generated keys are {@code pg_} + 40 base62
 * characters. Problems never echo the key.
 */
public final class GatewayKeyFormat {
    public static final String PREFIX = "pg_";
    public static final int MIN_LENGTH = 32;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private GatewayKeyFormat() {
    }

    /** Why {@code key} is not an acceptable gateway key, or empty when it is. */
    public static Optional<String> problem(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.of("must start with " + PREFIX);
        }
        if (key.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (!ALLOWED.matcher(key).matches()) {
            return Optional.of("may contain only letters, digits, '_' and '-'");
        }
        return Optional.empty();
    }
}
