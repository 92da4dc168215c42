package io.promptgate.security;

/** Actor names of audit events the security layer records on its own behalf. */
final class AuditTrailActors {
    /** Locks and other decisions of the security layer itself. */
    static final String SECURITY = "security";
    /** Someone not (yet) authenticated, e.g. a failed login. */
    static final String ANONYMOUS = "anonymous";

    private AuditTrailActors() {
    }
}
