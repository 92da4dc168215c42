package io.promptgate.store;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The schema's migration state as last read, re-read at most once per {@code maxAge}. Reading it
 * (Flyway's info) scans the packaged migrations and the history table and logs a line each time;
 * a load balancer polling the health check every few seconds needs neither. The state changes only
 * when migrations run: on this node at start-up (then {@link #set}), or on a newer node sharing the
 * database, which shows within {@code maxAge}. A failed read is not kept.
 */
final class CachedMigrationState {
    private final Supplier<Migrations.State> reader;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private volatile Snapshot last;

    private record Snapshot(Migrations.State state, long readAtNanos) {
    }

    CachedMigrationState(Supplier<Migrations.State> reader, Duration maxAge, LongSupplier nanoTime) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records a state just read (after migrating), so the first health check does not read it again. */
    void set(Migrations.State state) {
        last = new Snapshot(state, nanoTime.getAsLong());
    }

    Migrations.State get() {
        Snapshot snapshot = last;
        long now = nanoTime.getAsLong();
        if (snapshot != null && now - snapshot.readAtNanos() < maxAgeNanos) {
            return snapshot.state();
        }
        Migrations.State state = reader.get();
        last = new Snapshot(state, now);
        return state;
    }
}
