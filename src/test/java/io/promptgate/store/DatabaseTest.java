package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(health.schemaVersion()).isEqualTo("2");
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
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO upstream_keys (provider_id, ciphertext, hint, position) VALUES (999, 'x', 'y', 0)");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY");
        }
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
