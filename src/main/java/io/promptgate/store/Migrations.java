package io.promptgate.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/** Flyway over the migrations packaged at {@code classpath:db/migration} (source: top-level {@code sql/}). */
public final class Migrations {
    public static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        // the webapp class loader, not the context's: migrations live in WEB-INF/classes
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
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
