package io.promptgate.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The safety net of configuration propagation between nodes sharing a database: every
 * {@link #INTERVAL} it compares the stored config_version with the one this node loaded and
 * reloads on a difference. Works without Redis; with it, change notices are faster and this only
 * catches what a lost notice missed. A failed check is logged and tried again at the next tick.
 */
public final class ConfigVersionWatch implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ConfigVersionWatch.class.getName());

    private final SnapshotService snapshots;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    public ConfigVersionWatch(SnapshotService snapshots) {
        this(snapshots, INTERVAL);
    }

    ConfigVersionWatch(SnapshotService snapshots, Duration interval) {
        this.snapshots = snapshots;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("promptgate-config-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks now (e.g. on a change notice from another node), on the watch's own thread. */
    public void checkSoon() {
        timer.execute(this::check);
    }

    private void check() {
        try {
            if (snapshots.refreshIfChanged()) {
                LOG.fine("Configuration changed through another node: snapshot reloaded");
            }
            if (failing) {
                failing = false;
                LOG.info("Configuration version check works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Configuration version check failed; the current snapshot stays in use", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
