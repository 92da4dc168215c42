package io.promptgate.core;

import java.time.Instant;

/**
 * One row per request answered on a gateway path, whatever its outcome.
 *
 * @param userId       {@code null} when the caller did not authenticate
 * @param keyPrefix    display prefix of the caller's key, never the key
 * @param ttfbMs       time to the first byte sent to the client, {@code null} if none was sent
 * @param queueMs      time spent waiting for concurrency permits
 * @param error        a short machine-readable reason when the request did not succeed
 */
public record RequestRecord(
        String requestId,
        Instant time,
        Long userId,
        String username,
        String keyPrefix,
        String host,
        String path,
        String route,
        String provider,
        String model,
        int status,
        long inputTokens,
        long outputTokens,
        long latencyMs,
        Long ttfbMs,
        long queueMs,
        boolean stream,
        boolean fallback,
        String error,
        String clientIp) {
}
