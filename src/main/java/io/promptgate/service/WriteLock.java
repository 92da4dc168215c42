package io.promptgate.service;

import org.hibernate.Session;

/** Starting a read-then-write transaction safely on SQLite: call {@link #takeFirst} as its first statement. */
public final class WriteLock {
    private WriteLock() {
    }

    /**
     * Takes the database write lock before the transaction's first read. On SQLite (WAL) a
     * transaction that reads and only later writes fails with {@code SQLITE_BUSY_SNAPSHOT} when
     * another connection (e.g. the request-record writer) commits in between; a no-op write first
     * makes it wait for the lock instead (up to the busy timeout). Harmless on other databases.
     */
    public static void takeFirst(Session session) {
        session.createNativeMutationQuery("DELETE FROM settings WHERE 1 = 0").executeUpdate();
    }
}
