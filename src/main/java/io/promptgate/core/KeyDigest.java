package io.promptgate.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a whole gateway key: what is stored and looked up instead of the key. */
public final class KeyDigest {
    /** Never updated, only cloned: a clone skips the provider lookup of {@code getInstance} on every request. */
    private static final MessageDigest PROTOTYPE = newSha256();

    private KeyDigest() {
    }

    public static byte[] sha256(String key) {
        return fresh().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256(); // a provider whose digest cannot be cloned
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
