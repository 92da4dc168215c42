package io.promptgate.ops;

import java.time.Instant;

/**
 * One action-log line as the live feed and the history carry it.
 *
 * @param seq   increasing per node, so a subscriber can tell history it has seen from live events
 * @param kind  {@link #REQUEST} or {@link #NOTICE} (key, login and configuration events)
 * @param user  the user whose request this is; {@code null} for notices, which only administrators see
 * @param level {@code INFO} or {@code WARN} (the same in every log language)
 * @param line  the line exactly as written to the action log
 */
public record ActionEvent(long seq, Instant time, String kind, String user, String level, String line) {
    public static final String REQUEST = "request";
    public static final String NOTICE = "notice";

    /** Administrators see every event; a user only the records of their own requests. */
    public boolean visibleTo(String username, boolean admin) {
        return visibleTo(kind, user, username, admin);
    }

    /** As {@link #visibleTo(String, boolean)}, for an event of {@code kind} by {@code user} held elsewhere. */
    static boolean visibleTo(String kind, String user, String username, boolean admin) {
        return admin || REQUEST.equals(kind) && user != null && user.equals(username);
    }
}
