package io.promptgate.security;

import io.promptgate.config.GatewayKeyFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Gateway keys: generation, SHA-256 fingerprints, display prefixes and constant-time comparison.
 * A gateway key is stored and looked up by the SHA-256 of the whole key, never in clear.
 */
public final class KeyHasher {
    /** Random characters after {@code pg_} in a generated key (about 238 bits). */
    public static final int RANDOM_LENGTH = 40;
    /** Characters of a key that are safe to show and log, e.g. {@code pg_abcd}. */
    public static final int PREFIX_LENGTH = 7;

    private KeyHasher() {
    }

    /** A new gateway key: {@code pg_} followed by 40 base62 characters from a SecureRandom. */
    public static String generateKey() {
        return GatewayKeyFormat.PREFIX + RandomStrings.base62(RANDOM_LENGTH);
    }

    /** SHA-256 of the whole key's UTF-8 bytes. */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** {@link #sha256(String)} as 64 lower-case hex characters: the stored form. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The displayable start of a key: its first 7 characters (e.g. {@code pg_abcd}). */
    public static String prefixOf(String key) {
        return key.length() <= PREFIX_LENGTH ? key : key.substring(0, PREFIX_LENGTH);
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
    }
}
