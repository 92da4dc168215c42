package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path home;

    @Test
    void migratesAFreshDatabaseInTheDataDirectory() throws Exception {
        try (Database db = Database.open(home)) {
            assertThat(Files.exists(home.resolve("promptgate.db"))).isTrue();
            assertThat(db.isSqlite()).isTrue();
            assertThat(tables(db)).contains("users", "api_keys", "providers", "upstream_keys", "prompt_policies",
                    "routes", "settings", "audit_events", "request_records", "flyway_schema_history");
            Database.Health health = db.health();
            assertThat(health.up()).isTrue();
            assertThat(health.schemaVersion()).isEqualTo("3");
            assertThat(health.pendingMigrations()).isZero();
        }
    }

    @Test
    void everyPooledConnectionUsesWalWithBusyTimeoutAndForeignKeys() throws Exception {
        try (Database db = Database.open(home)) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) { // distinct pooled connections, not one reused
                    Connection c = db.dataSource().getConnection();
                    held.add(c);
                    assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("wal");
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void reopeningAppliesNothingAndKeepsData() {
        try (Database db = Database.open(home)) {
            db.sessionFactory().inTransaction(s -> s.persist(new UserEntity("alice", UserRole.USER, Instant.now())));
        }
        try (Database db = Database.open(home)) {
            assertThat(db.health().pendingMigrations()).isZero();
            long users = db.sessionFactory().fromTransaction(s ->
                    s.createSelectionQuery("select count(u) from UserEntity u", Long.class).getSingleResult());
            assertThat(users).isEqualTo(1);
        }
    }

    @Test
    void entitiesRoundTripThroughHibernate() {
        try (Database db = Database.open(home)) {
            EntityRoundTrip.check(db);
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(home)) {
            assertThatThrownBy(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO upstream_keys (provider_id, ciphertext, hint, position) VALUES (999, 'x', 'y', 0)");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void version3KeepsTheRecordsOfAnEarlierSchemaAndWritesTheirsWithFewerIndexes() throws Exception {
        String url = "jdbc:sqlite:" + home.resolve("promptgate.db");
        org.sqlite.SQLiteDataSource raw = new org.sqlite.SQLiteDataSource();
        raw.setUrl(url);
        org.flywaydb.core.Flyway.configure(Migrations.class.getClassLoader()).dataSource(raw)
                .locations(Migrations.LOCATION_PREFIX + DatabaseVendor.SQLITE.folder()).target("2").load().migrate();
        try (Connection c = raw.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO request_records (request_id, time, user_id, route, provider, status, input_tokens)"
                    + " VALUES ('r-1', 1000, 7, 'a', 'p', 200, 11), ('r-2', 2000, 7, 'b', 'p', 502, 0)");
        }
        try (Database db = Database.open(home); Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(db.health().schemaVersion()).isEqualTo("3");
            assertThat(strings(st, "SELECT id || ':' || request_id || ':' || route || ':' || status || ':' || input_tokens"
                    + " FROM request_records ORDER BY id")).containsExactly("1:r-1:a:200:11", "2:r-2:b:502:0");
            assertThat(strings(st, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'request_records'"
                    + " AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name"))
                    .containsExactly("ix_request_records_time", "ix_request_records_user");
            assertThat(strings(st, "SELECT sql FROM sqlite_master WHERE name = 'request_records'").get(0))
                    .doesNotContainIgnoringCase("AUTOINCREMENT").contains("uq_request_records_request_id");
            st.executeUpdate("INSERT INTO request_records (request_id, time, status) VALUES ('r-3', 3000, 200)");
            assertThat(strings(st, "SELECT id FROM request_records WHERE request_id = 'r-3'")).containsExactly("3");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO request_records (request_id, time, status) VALUES ('r-3', 4000, 200)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> tables(Database db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
