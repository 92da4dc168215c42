package io.promptgate.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The database: a container DataSource ({@code java:comp/env/jdbc/promptgate}, SQLite or
 * PostgreSQL) when one is bound, otherwise embedded SQLite in the data directory. Opening it
 * detects the engine, migrates the schema with that engine's migrations (Flyway) and builds the
 * Hibernate session factory with the matching dialect. Close it on shutdown.
 */
public final class Database implements AutoCloseable {
    public static final String JNDI_NAME = "java:comp/env/jdbc/promptgate";

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** How long a health check may report the migration state it read before; see {@link CachedMigrationState}. */
    static final Duration MIGRATION_STATE_MAX_AGE = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final DatabaseVendor vendor;
    private final CachedMigrationState migrationState;
    private final SessionFactory sessionFactory;

    private Database(DataSource dataSource, HikariDataSource ownedPool) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        try {
            this.vendor = DatabaseVendor.detect(dataSource);
            Migrations migrations = new Migrations(dataSource, vendor);
            this.migrationState = new CachedMigrationState(migrations::state, MIGRATION_STATE_MAX_AGE, System::nanoTime);
            int applied = migrations.migrate();
            Migrations.State state = migrations.state();
            migrationState.set(state);
            LOG.info(() -> "Database (" + vendor.folder() + ") schema at version " + state.version()
                    + " (" + applied + " migrations applied)");
            this.sessionFactory = SessionFactories.build(dataSource, vendor);
        } catch (RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw e;
        }
    }

    /** The container's DataSource if bound in JNDI, else {@code <home>/promptgate.db}. */
    public static Database open(Path home) {
        Optional<DataSource> container = lookupContainerDataSource();
        if (container.isPresent()) {
            LOG.info("Using the container DataSource " + JNDI_NAME);
            return new Database(container.get(), null);
        }
        LOG.info(() -> "Using the embedded SQLite database " + home.resolve(EmbeddedSqlite.FILE_NAME));
        HikariDataSource pool = EmbeddedSqlite.open(home);
        return new Database(pool, pool);
    }

    /** Over a DataSource the caller owns (it is not closed by {@link #close()}). */
    public static Database open(DataSource dataSource) {
        return new Database(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    public DatabaseVendor vendor() {
        return vendor;
    }

    public boolean isSqlite() {
        return vendor == DatabaseVendor.SQLITE;
    }

    /**
     * Whether the database answers (asked on every call), its schema version and how many
     * migrations are pending (read at most once a minute).
     */
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return Health.down();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Database health check failed", e);
            return Health.down();
        }
        try {
            Migrations.State state = migrationState.get();
            return new Health(true, state.version(), state.pending());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the migration state", e);
            return new Health(true, null, Health.UNKNOWN);
        }
    }

    /** Closes the session factory and, for embedded SQLite, the connection pool. */
    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            if (ownedPool != null) {
                ownedPool.close();
            }
        }
    }

    private static Optional<DataSource> lookupContainerDataSource() {
        try {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(JNDI_NAME) instanceof DataSource ds ? Optional.of(ds) : Optional.empty();
            } finally {
                context.close();
            }
        } catch (NamingException | RuntimeException e) {
            return Optional.empty(); // nothing bound (or no JNDI at all): embedded SQLite
        }
    }

    /**
     * @param up                database answers
     * @param schemaVersion     applied schema version, {@code null} if none or unknown
     * @param pendingMigrations migrations not yet applied; {@link #UNKNOWN} if it could not be read
     */
    public record Health(boolean up, String schemaVersion, int pendingMigrations) {
        public static final int UNKNOWN = -1;

        static Health down() {
            return new Health(false, null, UNKNOWN);
        }
    }
}
