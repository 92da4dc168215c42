package io.promptgate.service;

import org.hibernate.Session;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Starting a read-then-write transaction safely on SQLite: call {@link #takeFirst} as its first statement. */
public final class WriteLock {
    private WriteLock() {
    }

    /**
     * Takes the database write lock before the transaction's first read. On SQLite (WAL) a
     * transaction that reads and only later writes fails with {@code SQLITE_BUSY_SNAPSHOT} when
     * another connection (e.g. the request-record writer) commits in between; a no-op write first
     * makes it wait for the lock instead (up to the busy timeout). A no-op on other databases:
     * PostgreSQL has row-level locks and no single-writer lock to take.
     */
    public static void takeFirst(Session session) {
        if (isSqlite(session)) {
            session.createNativeMutationQuery("DELETE FROM settings WHERE 1 = 0").executeUpdate();
        }
    }

    static boolean isSqlite(Session session) {
        return session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof SQLiteDialect;
    }
}
