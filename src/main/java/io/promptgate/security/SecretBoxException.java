package io.promptgate.security;

/** A sealed value that cannot be opened: tampered with, sealed under another key, or malformed. */
public class SecretBoxException extends RuntimeException {
    public SecretBoxException(String message) {
        super(message);
    }

    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
