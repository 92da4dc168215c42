package io.promptgate.security;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who a session or rememberMe cookie belongs to: the user's id and name, and a stamp of the
 * password hash they logged in with. Every request checks the stamp against the stored hash, so
 * a password change (or reset) ends every session and rememberMe cookie of that user.
 */
public record UserPrincipal(long id, String username, String stamp) implements Serializable {
    /** A short fingerprint of a stored password hash (not of the password); "-" for none. */
    public static String stampOf(String passwordHash) {
        if (passwordHash == null) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return username;
    }
}
