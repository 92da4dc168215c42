package io.promptgate.security;

import org.apache.shiro.crypto.hash.DefaultHashService;
import org.apache.shiro.crypto.hash.Hash;
import org.apache.shiro.crypto.hash.HashRequest;
import org.apache.shiro.crypto.hash.format.Shiro2CryptFormat;
import org.apache.shiro.lang.util.ByteSource;

/**
 * Console and admin API passwords: argon2id (Shiro's defaults: 64 MiB, 1 pass, 4 lanes, random
 * 16-byte salt) in Shiro 2's crypt format ({@code $shiro2$argon2id$v=19$t=…,m=…,p=…$salt$hash}),
 * which Shiro's {@code PasswordMatcher} verifies as is. Thread-safe.
 */
public final class PasswordHasher {
    public static final String ALGORITHM = "argon2id";

    private final DefaultHashService hashService = new DefaultHashService();
    private final Shiro2CryptFormat format = new Shiro2CryptFormat();

    public PasswordHasher() {
        hashService.setDefaultAlgorithmName(ALGORITHM);
    }

    /** The crypt-format hash of {@code password}; rejects null and empty passwords. */
    public String hash(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a password must not be empty");
        }
        Hash hash = hashService.computeHash(new HashRequest.Builder()
                .setSource(ByteSource.Util.bytes(password))
                .setAlgorithmName(ALGORITHM)
                .build());
        return format.format(hash);
    }

    public String hash(String password) {
        return hash(password == null ? null : password.toCharArray());
    }

    /** True when {@code password} matches {@code storedHash}; false for empty input or a malformed hash. */
    public boolean verify(char[] password, String storedHash) {
        if (password == null || password.length == 0 || storedHash == null || storedHash.isEmpty()) {
            return false;
        }
        Hash stored;
        try {
            stored = format.parse(storedHash);
        } catch (RuntimeException e) {
            return false; // not a hash we can read: never a match
        }
        return stored != null && stored.matchesPassword(ByteSource.Util.bytes(password));
    }

    public boolean verify(String password, String storedHash) {
        return verify(password == null ? null : password.toCharArray(), storedHash);
    }
}
