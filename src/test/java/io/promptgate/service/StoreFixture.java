package io.promptgate.service;

import io.promptgate.security.MasterKey;
import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.store.Database;
import io.promptgate.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real database with the services over it: embedded SQLite in a temporary data directory, or a
 * fresh PostgreSQL database (dropped on {@link #close()}) with the same data directory for files.
 */
final class StoreFixture implements AutoCloseable {
    static final List<String> TABLES = List.of("users", "api_keys", "providers", "upstream_keys", "prompt_policies",
            "routes", "settings", "audit_events", "request_records");

    final Path home;
    final TestEngine engine;
    final Database database;
    private final TestEngine.TestDatabase opened;
    final SecretBox secrets = new SecretBox(MasterKey.generate());
    final PasswordHasher passwords = new PasswordHasher();
    final ConfigImport configImport;

    StoreFixture(Path home, TestEngine engine) {
        this.home = home;
        this.engine = engine;
        this.opened = engine.open(home);
        this.database = opened.database();
        this.configImport = new ConfigImport(database.sessionFactory(), secrets, passwords, home);
    }

    /** The PostgreSQL database's name; only for {@link TestEngine#POSTGRESQL}. */
    String postgresName() {
        return opened.postgres().name();
    }

    /** Copies a test resource under {@code store/} into the data directory, keeping its name. */
    Path resource(String name) throws IOException {
        Path file = home.resolve(name);
        try (InputStream in = StoreFixture.class.getResourceAsStream("/store/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Every row of every application table, in id order: for "nothing changed" comparisons. */
    Map<String, List<List<Object>>> dump() throws SQLException {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                String order = table.equals("settings") ? "key" : "id";
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.add(meta.getColumnName(i) + "=" + rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    long count(String table) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One column of one row found by {@code where} (plain SQL, test data only). */
    Object value(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    @Override
    public void close() {
        opened.close();
    }
}
