package io.promptgate.core;

/**
 * A gateway key as the gateway knows it: never the key itself, only its SHA-256 and its
 * display prefix.
 *
 * @param sha256      SHA-256 of the whole key
 * @param prefix      the first characters of the key, safe to show and log (e.g. {@code pg_abcd})
 * @param concurrency per-key concurrency limit; 0 means no per-key limit
 * @param enabled     false when the key or its user is disabled
 */
public record ApiKey(
        long id,
        long userId,
        String username,
        String name,
        String prefix,
        byte[] sha256,
        boolean enabled,
        int concurrency) {

    @Override
    public String toString() {
        return "ApiKey[" + prefix + " of " + username + "]";
    }
}
