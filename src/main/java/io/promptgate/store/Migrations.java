package io.promptgate.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Flyway over the engine's migrations, packaged at {@code classpath:db/migration/<vendor>}
 * (source: top-level {@code sql/<vendor>/}). An install that predates the vendor folders keeps
 * its history: the SQLite scripts kept their names and contents, so their checksums match.
 */
public final class Migrations {
    public static final String LOCATION_PREFIX = "classpath:db/migration/";

    private final Flyway flyway;

    public Migrations(DataSource dataSource, DatabaseVendor vendor) {
        // the webapp class loader, not the context's: migrations live in WEB-INF/classes
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION_PREFIX + vendor.folder())
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies every pending migration; returns how many were applied. */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** The applied schema version ({@code null} for an empty database) and the pending count, read together. */
    public State state() {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        return new State(version, info.pending().length);
    }

    public record State(String version, int pending) {
    }
}
