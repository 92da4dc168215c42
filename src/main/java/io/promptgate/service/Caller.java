package io.promptgate.service;

/**
 * The authenticated console or admin API user a use case runs for. Services decide what a caller
 * may see from this: a user only their own keys and records, an administrator everything.
 */
public record Caller(long userId, String username, boolean admin) {
    /** Request attribute under which the security layer leaves the caller of an authenticated request. */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** The actor name written to the audit trail. */
    public String actor() {
        return username;
    }

    /** Refuses a caller that is not an administrator. */
    public void requireAdmin() {
        if (!admin) {
            throw new NotPermittedException("Administrators only");
        }
    }
}
