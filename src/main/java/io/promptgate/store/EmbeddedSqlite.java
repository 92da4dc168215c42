package io.promptgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * The default database: one SQLite file in the data directory behind a small HikariCP pool.
 * Every pooled connection is opened with WAL journaling, a busy timeout, foreign keys on and
 * {@code synchronous=NORMAL} (durable at each checkpoint, safe against corruption in WAL mode).
 */
public final class EmbeddedSqlite {
    public static final String FILE_NAME = "promptgate.db";
    public static final int BUSY_TIMEOUT_MS = 5_000;
    /** WAL allows one writer and many readers; a few connections are plenty. */
    private static final int POOL_SIZE = 8;
    private static final int CACHE_KIB = 16 * 1024;

    private EmbeddedSqlite() {
    }

    public static HikariDataSource open(Path home) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("promptgate-sqlite");
        pool.setJdbcUrl("jdbc:sqlite:" + home.resolve(FILE_NAME).toAbsolutePath());
        // inside a webapp DriverManager cannot see drivers in WEB-INF/lib: name the class
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setDataSourceProperties(connectionProperties());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        return new HikariDataSource(pool);
    }

    /** Pragmas applied by sqlite-jdbc when it opens each connection. */
    static Properties connectionProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setCacheSize(-CACHE_KIB); // negative: KiB, not pages; the records' indexes stay in memory longer
        return config.toProperties();
    }
}
