package io.promptgate.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daily purge of request records older than the {@code recordRetentionDays} setting (0 keeps
 * them forever), at 03:30 in the configured time zone. The deleting is the store's, in small
 * batches, so that the record writer never waits long.
 */
public final class RecordRetention implements Runnable {
    private static final Logger LOG = Logger.getLogger(RecordRetention.class.getName());
    static final String SCHEDULE = "30 3 * * *";

    /** Deletes records older than the cutoff; returns how many. */
    @FunctionalInterface
    public interface Purge {
        long olderThan(Instant cutoff) throws Exception;
    }

    private final IntSupplier retentionDays;
    private final Supplier<String> timeZone;
    private final Purge purge;
    private final Clock clock;

    public RecordRetention(IntSupplier retentionDays, Supplier<String> timeZone, Purge purge, Clock clock) {
        this.retentionDays = retentionDays;
        this.timeZone = timeZone;
        this.purge = purge;
        this.clock = clock;
    }

    /** The next daily check after {@code now} (it reads the setting then, so a change needs no rescheduling). */
    public Optional<ZonedDateTime> nextRun(ZonedDateTime now) {
        return CronSchedule.parse(SCHEDULE, timeZone.get()).nextAfter(now);
    }

    /** Purges now; returns how many records went. */
    public long purgeNow() {
        int days = retentionDays.getAsInt();
        if (days <= 0) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        try {
            long deleted = purge.olderThan(cutoff);
            LOG.info(() -> "Record retention: deleted " + deleted + " request record(s) older than " + days + " day(s)");
            return deleted;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Record retention: the purge of records older than " + cutoff + " failed", e);
            return 0;
        }
    }

    @Override
    public void run() {
        purgeNow();
    }
}
