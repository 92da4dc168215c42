package io.promptgate.core;

import java.util.Set;

/** Global gateway settings (declarative config {@code settings:}). */
public record GatewaySettings(
        int globalConcurrency,
        int globalQueue,
        long queueTimeoutMs,
        long maxBodyBytes,
        String logLanguage,
        Set<Integer> fallbackStatuses) {

    public static final GatewaySettings DEFAULTS =
            new GatewaySettings(64, 256, 30_000, 32L * 1024 * 1024, "en", Set.of(429, 503, 529));

    public GatewaySettings {
        fallbackStatuses = fallbackStatuses == null ? Set.of(429, 503, 529) : Set.copyOf(fallbackStatuses);
        logLanguage = logLanguage == null ? "en" : logLanguage;
    }
}
