package io.promptgate.service;

import java.util.List;

/** One page of a longer list: {@code items} from {@code offset}, {@code total} in all. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(items);
    }

    /** A limit within 1..{@value #MAX_LIMIT}; {@code null} is {@value #DEFAULT_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit: must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw new InvalidInputException("offset: must not be negative");
        }
        return requested;
    }
}
