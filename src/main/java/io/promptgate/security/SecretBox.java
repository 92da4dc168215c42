package io.promptgate.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest (upstream keys) with AES-256-GCM under the {@link MasterKey}.
 *
 * <p>Sealed form: {@code v1:} + base64(nonce ‖ ciphertext ‖ tag), with a fresh random 12-byte
 * nonce per encryption and a 128-bit tag; the version string is bound as associated data.
 * Opening verifies the tag, so a tampered value or one sealed under another key is refused.
 * Thread-safe.
 */
public final class SecretBox {
    private static final String VERSION = "v1";
    private static final String PREFIX = VERSION + ":";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ASSOCIATED_DATA = ("promptgate:" + VERSION).getBytes(StandardCharsets.US_ASCII);

    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(MasterKey masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    /** Seals {@code plaintext}; two calls with the same input give different outputs. */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available on this platform", e);
        }
    }

    /** Opens a value sealed by {@link #encrypt}; throws {@link SecretBoxException} if it fails verification. */
    public String decrypt(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretBoxException("not a sealed value of a supported version");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value is not valid base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value failed verification: tampered with, or sealed under another master key");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("sealed value cannot be opened", e);
        }
    }

    /**
     * A 32-byte key for another purpose (e.g. the rememberMe cookie), derived from the master key
     * with HMAC-SHA256 over the purpose's name: stable across restarts, different per purpose, and
     * telling nothing about the master key.
     */
    public byte[] deriveKey(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(masterKey.secretKey().getEncoded(), "HmacSHA256"));
            return mac.doFinal(("promptgate:derive:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM " + VERSION + "]";
    }
}
