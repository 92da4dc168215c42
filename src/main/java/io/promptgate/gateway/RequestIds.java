package io.promptgate.gateway;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: {@code req_} + 24 hex digits, the first 11 the time in milliseconds and the rest
 * random. Unique enough to find a request, not a secret; time-ordered, so the records' unique
 * index on them grows at its end instead of at random pages.
 */
public final class RequestIds {
    private static final long RANDOM_MASK = (1L << 52) - 1; // 13 hex digits

    private RequestIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
    }

    static String next(long epochMillis, long random) {
        String time = Long.toHexString((epochMillis & 0xFFFFFFFFFFFL) | (1L << 44)).substring(1); // 11 digits
        String rest = Long.toHexString((random & RANDOM_MASK) | (1L << 52)).substring(1); // 13 digits
        return "req_" + time + rest;
    }
}
