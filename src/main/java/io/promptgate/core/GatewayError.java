package io.promptgate.core;

/**
 * The one way a stage ends an exchange with an error. Rendered in the caller's protocol shape in
 * one place; the message is shown to the caller, so it never holds a secret or an internal host.
 */
public final class GatewayError extends RuntimeException {
    private final ErrorKind kind;
    private final Integer statusOverride;
    private final Long retryAfterSeconds;

    private GatewayError(ErrorKind kind, Integer statusOverride, String message, Long retryAfterSeconds, Throwable cause) {
        // expected errors need no stack trace; unexpected ones keep their cause's
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.statusOverride = statusOverride;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GatewayError of(ErrorKind kind, String message) {
        return new GatewayError(kind, null, message, null, null);
    }

    public static GatewayError of(ErrorKind kind, String message, Throwable cause) {
        return new GatewayError(kind, null, message, null, cause);
    }

    /** Same kind, answered with another status (e.g. an overload answered 503 to OpenAI callers). */
    public GatewayError withStatus(int status) {
        return new GatewayError(kind, status, getMessage(), retryAfterSeconds, getCause());
    }

    public GatewayError withRetryAfter(long seconds) {
        return new GatewayError(kind, statusOverride, getMessage(), seconds, getCause());
    }

    public ErrorKind kind() {
        return kind;
    }

    public int status() {
        return statusOverride != null ? statusOverride : kind.status();
    }

    /** Seconds for a {@code Retry-After} header, or {@code null}. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
