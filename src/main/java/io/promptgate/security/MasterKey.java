package io.promptgate.security;

import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigKey;
import io.promptgate.config.ConfigValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that {@link SecretBox} encrypts upstream keys with.
 *
 * <p>Taken from {@link ConfigKey#SECRET_KEY} (base64 of exactly 32 bytes) when set; otherwise read
 * from {@code <home>/secret.key}, which is generated on first start with owner-only permissions
 * ({@code rw-------} from the moment it exists) and reused afterwards. Losing it makes stored
 * upstream keys unreadable. Never printed: {@link #toString()} shows no key material.
 */
public final class MasterKey {
    public static final String KEY_FILE_NAME = "secret.key";
    public static final int KEY_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(MasterKey.class.getName());

    private final SecretKey key;

    private MasterKey(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /** The start-up master key: the configured one, else the key file in {@code home}. */
    public static MasterKey load(ConfigValues config, Path home) {
        Optional<String> configured = config.get(ConfigKey.SECRET_KEY);
        if (configured.isPresent()) {
            return decode(configured.get()).orElseThrow(() -> new ConfigException(ConfigKey.SECRET_KEY.describe()
                    + " must be the base64 encoding of exactly " + KEY_BYTES + " bytes (e.g. `openssl rand -base64 32`)"));
        }
        return loadOrCreate(home.resolve(KEY_FILE_NAME));
    }

    /** A key from its base64 form; throws {@link IllegalArgumentException} (without the value) otherwise. */
    public static MasterKey fromBase64(String encoded) {
        return decode(encoded).orElseThrow(() ->
                new IllegalArgumentException("a master key must be the base64 encoding of exactly " + KEY_BYTES + " bytes"));
    }

    /** A fresh random key. */
    public static MasterKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /** Reads {@code keyFile}, or creates it with a fresh key (owner-only) when it does not exist. */
    public static MasterKey loadOrCreate(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return read(keyFile);
            }
            MasterKey created = generate();
            if (!OwnerOnlyFiles.createNew(keyFile, created.encoded())) {
                return read(keyFile); // another process created it first: use theirs
            }
            LOG.warning(() -> "Generated a new master key in " + keyFile
                    + "; back it up: without it the stored upstream keys cannot be decrypted");
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + keyFile, e);
        }
    }

    private static MasterKey read(Path keyFile) throws IOException {
        warnIfReadableByOthers(keyFile);
        String content = Files.readString(keyFile, StandardCharsets.US_ASCII);
        return decode(content).orElseThrow(() -> new ConfigException("the master key file " + keyFile
                + " does not hold the base64 encoding of " + KEY_BYTES + " bytes; restore it from a backup (or set "
                + ConfigKey.SECRET_KEY.describe() + ")"));
    }

    private static Optional<MasterKey> decode(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.strip());
            return bytes.length == KEY_BYTES ? Optional.of(new MasterKey(bytes)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // its message would quote a character of the key
        }
    }

    private static void warnIfReadableByOthers(Path keyFile) throws IOException {
        if (!OwnerOnlyFiles.isOwnerOnly(keyFile)) {
            LOG.warning(() -> "The master key file " + keyFile + " is accessible to other users; restrict it (chmod 600)");
        }
    }

    private byte[] encoded() {
        return (Base64.getEncoder().encodeToString(key.getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[AES-256]";
    }
}
