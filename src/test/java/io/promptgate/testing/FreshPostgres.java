package io.promptgate.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A new, empty PostgreSQL database of its own ({@code promptgate_it_<random>}) on the machine's
 * server, dropped again on {@link #close()}. The server is {@code 127.0.0.1:5432}, user
 * {@code postgres} (trust auth), unless {@code PROMPTGATE_TEST_PG_HOST} / {@code _PORT} / {@code _USER}
 * say otherwise. Without a server the test is skipped, except under CI ({@code CI=true}), where
 * {@code .ci/run} starts one and its absence is a failure.
 */
public final class FreshPostgres implements AutoCloseable {
    public static final String HOST = env("PROMPTGATE_TEST_PG_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("PROMPTGATE_TEST_PG_PORT", "5432"));
    public static final String USER = env("PROMPTGATE_TEST_PG_USER", "postgres");

    private final String name;
    private final HikariDataSource pool;

    private FreshPostgres(String name) {
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + name);
        config.setJdbcUrl(jdbcUrl(name));
        config.setUsername(USER);
        config.setDriverClassName("org.postgresql.Driver");
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        this.pool = new HikariDataSource(config);
    }

    /** Creates the database; skips (or, under CI, fails) the test when no server answers. */
    public static FreshPostgres create() {
        String name = "promptgate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.executeUpdate("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is required under CI", e);
            }
            Assumptions.abort("no PostgreSQL at " + HOST + ":" + PORT + " (" + e.getMessage() + ")");
        }
        return new FreshPostgres(name);
    }

    public String name() {
        return name;
    }

    /** A pool over the new database; closed by {@link #close()}. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Test-only: SQLite's {@code group_concat(value [, separator])} aggregate, so that assertions
     * written in plain SQL read the same on both engines. The application never uses it.
     */
    public void addGroupConcat() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION group_concat_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE"
                    + " AS $$ SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$");
            st.execute("CREATE FUNCTION group_concat_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE"
                    + " AS $$ SELECT group_concat_step(acc, v, ',') $$");
            st.execute("CREATE AGGREGATE group_concat(text, text) (SFUNC = group_concat_step, STYPE = text)");
            st.execute("CREATE AGGREGATE group_concat(text) (SFUNC = group_concat_step, STYPE = text)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add group_concat to " + name, e);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Closes the pool and drops the database (ending any session a test left open in it). */
    @Override
    public void close() {
        pool.close();
        try (Connection admin = adminConnection(); Statement st = admin.createStatement()) {
            st.executeUpdate("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name, e);
        }
    }

    private static Connection adminConnection() throws SQLException {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL driver is not on the test class path", e);
        }
        return DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
