package io.promptgate.core;

/**
 * Every failure the gateway itself produces, with its HTTP status and how each protocol names it.
 * Upstream error responses are passed through unchanged and never go through this type.
 */
public enum ErrorKind {
    AUTHENTICATION(401, "authentication_error", "invalid_request_error", "invalid_api_key"),
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request_error", "invalid_request"),
    NOT_FOUND(404, "not_found_error", "invalid_request_error", "not_found"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "invalid_request_error", "method_not_allowed"),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", "invalid_request_error", "request_too_large"),
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_error", "rate_limit_exceeded"),
    OVERLOADED(529, "overloaded_error", "server_error", "overloaded"),
    QUEUE_TIMEOUT(503, "overloaded_error", "server_error", "queue_timeout"),
    BAD_GATEWAY(502, "api_error", "server_error", "upstream_unreachable"),
    UPSTREAM_TIMEOUT(504, "api_error", "server_error", "upstream_timeout"),
    INTERNAL(500, "api_error", "server_error", "internal_error");

    private final int status;
    private final String anthropicType;
    private final String openaiType;
    private final String openaiCode;

    ErrorKind(int status, String anthropicType, String openaiType, String openaiCode) {
        this.status = status;
        this.anthropicType = anthropicType;
        this.openaiType = openaiType;
        this.openaiCode = openaiCode;
    }

    public int status() {
        return status;
    }

    public String anthropicType() {
        return anthropicType;
    }

    public String openaiType() {
        return openaiType;
    }

    /** Short machine-readable reason; also what a request record stores as its error. */
    public String code() {
        return openaiCode;
    }

    public boolean isServerError() {
        return status >= 500;
    }
}
