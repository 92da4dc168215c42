package io.promptgate.gateway.forward;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One timer thread for all streams: every tick it asks each active relay whether its upstream
 * has been silent longer than the provider's idle timeout. Cheaper than a timer per chunk.
 */
public final class IdleWatchdog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IdleWatchdog.class.getName());
    private final Set<ResponseRelay> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public IdleWatchdog(long tickMillis) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "promptgate-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    void register(ResponseRelay relay) {
        active.add(relay);
    }

    void unregister(ResponseRelay relay) {
        active.remove(relay);
    }

    int activeCount() {
        return active.size();
    }

    private void tick() {
        long now = System.nanoTime();
        for (ResponseRelay relay : active) {
            try {
                relay.checkIdle(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "idle check failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
