package io.promptgate.ops;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A non-request event of the action log: a key created, disabled, enabled or deleted, a failed
 * or locked login, a configuration change. Built from the audit trail's events, which never hold a
 * secret; a key appears only as its display prefix.
 *
 * @param actor     who did it ({@code anonymous} for a failed login)
 * @param target    what it was done to: a user name, {@code user/key name}, a provider's name, …
 * @param keyPrefix the key's display prefix, for key events
 * @param change    the audit action of a configuration change ({@code provider.update}, …)
 * @param client    the client address of a failed login
 */
public record ActionNotice(Instant time, Type type, String actor, String target, String keyPrefix, String change,
                           String client) {
    public enum Type { KEY_CREATED, KEY_DISABLED, KEY_ENABLED, KEY_DELETED, LOGIN_FAILED, LOGIN_LOCKED, CONFIG_CHANGED }

    private static final Pattern PREFIX = Pattern.compile("prefix=(pg_[A-Za-z0-9_-]{1,12})");
    private static final Pattern FROM = Pattern.compile("^from (\\S{1,64})");

    /** The notice for an audit event, if it is one the action log shows (logins and logouts are not). */
    public static Optional<ActionNotice> fromAudit(Instant time, String actor, String action, String target, String detail) {
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        String d = detail == null ? "" : detail;
        Type type = switch (a) {
            case "key.create" -> Type.KEY_CREATED;
            case "key.delete" -> Type.KEY_DELETED;
            case "key.update" -> changes(d, "disabled") ? Type.KEY_DISABLED : changes(d, "enabled") ? Type.KEY_ENABLED : null;
            case "login.failed" -> Type.LOGIN_FAILED;
            case "login.locked" -> Type.LOGIN_LOCKED;
            default -> isConfigChange(a) ? Type.CONFIG_CHANGED : null;
        };
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new ActionNotice(time, type, actor, target, find(PREFIX, d), type == Type.CONFIG_CHANGED ? a : null,
                type == Type.LOGIN_FAILED ? find(FROM, d) : null));
    }

    private static boolean isConfigChange(String action) {
        return action.startsWith("provider.") || action.startsWith("route.") || action.startsWith("policy.")
                || action.startsWith("user.") || action.startsWith("settings.") || action.startsWith("config.")
                || action.startsWith("report.settings");
    }

    /** Whether a comma list of changes ("disabled, concurrency=2") holds {@code change} as one item. */
    private static boolean changes(String detail, String change) {
        for (String item : detail.split(",")) {
            if (item.trim().equals(change)) {
                return true;
            }
        }
        return false;
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Failed and locked logins are warnings. */
    public boolean warning() {
        return type == Type.LOGIN_FAILED || type == Type.LOGIN_LOCKED;
    }
}
