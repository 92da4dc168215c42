package io.promptgate.security;

import java.time.Duration;
import org.apache.shiro.authc.AuthenticationException;

/**
 * A login attempt refused before its password was checked: the name or address is locked or
 * must wait ({@code locked == false}), or the server is busy checking other passwords.
 */
public final class LoginRefusedException extends AuthenticationException {
    public enum Reason { LOCKED, TOO_FAST, BUSY }

    private final Reason reason;
    private final Duration retryAfter;

    public LoginRefusedException(Reason reason, Duration retryAfter) {
        super(switch (reason) {
            case LOCKED -> "Too many failed logins; try again later";
            case TOO_FAST -> "Too many login attempts; slow down";
            case BUSY -> "The server is busy; try again shortly";
        });
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** Whole seconds to wait, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
