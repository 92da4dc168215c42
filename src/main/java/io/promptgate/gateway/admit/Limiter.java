package io.promptgate.gateway.admit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One concurrency limit with a bounded FIFO queue of asynchronous waiters. Nobody blocks: a
 * waiter is granted its permit by the release that frees it, on the releasing thread.
 */
public final class Limiter implements LimiterStats {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Limiter.class.getName());
    /** What {@link #acquire} did with a waiter. */
    public enum Outcome { GRANTED, QUEUED, FULL }

    private final String level;
    private final String name;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int limit;
    private int queueCapacity;
    private int inFlight;

    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder cancellations = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();

    /**
     * @param limit         permits; 0 means no limit at this level
     * @param queueCapacity waiters allowed beyond the limit
     */
    public Limiter(String level, String name, int limit, int queueCapacity) {
        this.level = level;
        this.name = name;
        this.limit = Math.max(0, limit);
        this.queueCapacity = Math.max(0, queueCapacity);
    }

    /** Grants a permit now, queues the waiter, or refuses because the queue is full. */
    synchronized Outcome acquire(Waiter waiter) {
        if (hasRoom() && queue.isEmpty()) {
            inFlight++;
            admitted.increment();
            return Outcome.GRANTED;
        }
        if (queue.size() >= queueCapacity) {
            rejected.increment();
            return Outcome.FULL;
        }
        queue.addLast(waiter);
        return Outcome.QUEUED;
    }

    /** Gives one permit back; the oldest live waiter, if any, gets it. */
    void release() {
        List<Waiter> granted;
        synchronized (this) {
            inFlight--;
            if (inFlight < 0) {
                inFlight = 0;
                LOG.severe("limiter " + level + "/" + name + " released more permits than it granted");
            }
            granted = grantWaiting();
        }
        granted.forEach(w -> w.granted(this));
    }

    /** Takes a waiter that timed out or whose client left out of the queue. */
    synchronized void withdraw(Waiter waiter, boolean timedOut) {
        if (queue.remove(waiter)) {
            (timedOut ? timeouts : cancellations).increment();
        }
    }

    /** Applies new limits from a configuration change; waiters that now fit are granted. */
    void resize(int newLimit, int newQueueCapacity) {
        List<Waiter> granted;
        synchronized (this) {
            limit = Math.max(0, newLimit);
            queueCapacity = Math.max(0, newQueueCapacity);
            granted = grantWaiting();
        }
        granted.forEach(w -> w.granted(this));
    }

    void countFallback() {
        fallbacks.increment();
    }

    private boolean hasRoom() {
        return limit == 0 || inFlight < limit;
    }

    private List<Waiter> grantWaiting() {
        List<Waiter> granted = List.of();
        while (hasRoom() && !queue.isEmpty()) {
            Waiter next = queue.pollFirst();
            if (next.claimGrant()) {
                inFlight++;
                admitted.increment();
                if (granted.isEmpty()) {
                    granted = new ArrayList<>(2);
                }
                granted.add(next);
            }
        }
        return granted;
    }

    @Override public String getLevel() { return level; }
    @Override public String getName() { return name; }
    @Override public synchronized int getLimit() { return limit; }
    @Override public synchronized int getQueueCapacity() { return queueCapacity; }
    @Override public synchronized int getInFlight() { return inFlight; }
    @Override public synchronized int getQueued() { return queue.size(); }
    @Override public long getAdmitted() { return admitted.sum(); }
    @Override public long getRejected() { return rejected.sum(); }
    @Override public long getTimeouts() { return timeouts.sum(); }
    @Override public long getCancellations() { return cancellations.sum(); }
    @Override public long getFallbacks() { return fallbacks.sum(); }
}
