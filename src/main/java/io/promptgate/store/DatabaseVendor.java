package io.promptgate.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The database engines PromptGate runs on, detected from the JDBC metadata. Each has its own
 * Flyway migration folder ({@code sql/<folder>} in the source tree, {@code db/migration/<folder>}
 * in the WAR).
 */
public enum DatabaseVendor {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    DatabaseVendor(String folder) {
        this.folder = folder;
    }

    /** The migration sub-folder, e.g. {@code postgresql}; also the name shown by {@code /healthz}. */
    public String folder() {
        return folder;
    }

    /** By the product name the driver reports ({@code SQLite}, {@code PostgreSQL}). */
    public static DatabaseVendor of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.equals("sqlite")) {
            return SQLITE;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("unsupported database '" + productName + "' (PromptGate runs on SQLite or PostgreSQL)");
    }

    public static DatabaseVendor detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database", e);
        }
    }
}
