package io.promptgate.security;

import java.security.SecureRandom;

/** Unbiased random base62 strings from a {@link SecureRandom}, for keys and generated passwords. */
public final class RandomStrings {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomStrings() {
    }

    /** {@code length} characters drawn uniformly from {@code [0-9A-Za-z]} (about 5.95 bits each). */
    public static String base62(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive");
        }
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
