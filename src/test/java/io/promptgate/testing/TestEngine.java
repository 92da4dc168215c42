package io.promptgate.testing;

import io.promptgate.store.Database;
import java.nio.file.Path;

/**
 * The database engines the persistence and admin tests run on: the embedded SQLite of the data
 * directory, and a fresh PostgreSQL database given to {@link Database} as a container would
 * (a DataSource). Use with {@code @ParameterizedClass @EnumSource(TestEngine.class)}.
 */
public enum TestEngine {
    SQLITE,
    POSTGRESQL;

    /** Opens (and migrates) a database of this engine; closing the result closes and drops it. */
    public TestDatabase open(Path home) {
        if (this == SQLITE) {
            return new TestDatabase(Database.open(home), null);
        }
        FreshPostgres postgres = FreshPostgres.create();
        try {
            Database database = Database.open(postgres.dataSource()); // migrates the empty database
            postgres.addGroupConcat();
            return new TestDatabase(database, postgres);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** A database for one test: closing it closes the {@link Database} and drops a PostgreSQL database. */
    public record TestDatabase(Database database, FreshPostgres postgres) implements AutoCloseable {
        @Override
        public void close() {
            try {
                database.close();
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }
}
