package io.promptgate.gateway;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: {@code req_} + 24 hex digits; unique enough to find a request, not a secret. */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String hi = Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(4);
        String lo = Long.toHexString(random.nextLong() | Long.MIN_VALUE).substring(4);
        return "req_" + hi + lo;
    }
}
