package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.testing.FreshPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Database} over a PostgreSQL DataSource, as a container's JNDI resource provides it (see DatabaseTest for SQLite). */
class PostgresDatabaseTest {
    private FreshPostgres postgres;

    @BeforeEach
    void create() {
        postgres = FreshPostgres.create();
    }

    @AfterEach
    void drop() {
        postgres.close();
    }

    @Test
    void migratesAFreshDatabaseWithThePostgresqlMigrationsAndDialect() throws Exception {
        try (Database db = Database.open(postgres.dataSource())) {
            assertThat(db.vendor()).isEqualTo(DatabaseVendor.POSTGRESQL);
            assertThat(db.isSqlite()).isFalse();
            assertThat(tables()).contains("users", "api_keys", "providers", "upstream_keys", "prompt_policies",
                    "routes", "settings", "audit_events", "request_records", "flyway_schema_history");
            assertThat(column("SELECT script FROM flyway_schema_history WHERE version = '1'")).isEqualTo("V1__init.sql");
            assertThat(column("SELECT is_identity FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'id'"))
                    .isEqualTo("YES");
            Database.Health health = db.health();
            assertThat(health.up()).isTrue();
            assertThat(health.schemaVersion()).isEqualTo("3");
            assertThat(health.pendingMigrations()).isZero();
            assertThat(db.sessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect())
                    .isInstanceOf(PostgreSQLDialect.class);
        }
    }

    @Test
    void reopeningAppliesNothingAndKeepsData() {
        try (Database db = Database.open(postgres.dataSource())) {
            db.sessionFactory().inTransaction(s -> s.persist(new UserEntity("alice", UserRole.USER, Instant.now())));
        }
        try (Database db = Database.open(postgres.dataSource())) {
            assertThat(db.health().pendingMigrations()).isZero();
            long users = db.sessionFactory().fromTransaction(s ->
                    s.createSelectionQuery("select count(u) from UserEntity u", Long.class).getSingleResult());
            assertThat(users).isEqualTo(1);
        }
    }

    @Test
    void entitiesRoundTripWithGeneratedIdsAndForeignKeysEnforced() {
        try (Database db = Database.open(postgres.dataSource())) {
            EntityRoundTrip.check(db);
            assertThatThrownBy(() -> {
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO upstream_keys (provider_id, ciphertext, hint, position) VALUES (999, 'x', 'y', 0)");
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("foreign key");
        }
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = postgres.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private String column(String sql) throws SQLException {
        try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
