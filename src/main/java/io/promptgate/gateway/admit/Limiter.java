package io.promptgate.gateway.admit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One concurrency limit with a bounded FIFO queue of asynchronous waiters. Nobody blocks.
 *
 * <p>Without a {@link PermitStore} the permits are counted here, and a waiter is granted its
 * permit by the release that frees it, on the releasing thread. With a store (cluster-wide
 * limits) every permit is a lease taken from the store: the head of the local queue tries for
 * one (one attempt in flight at a time), and a miss waits for a wake-up (a release on any node,
 * or the store's periodic tick). When the store cannot be reached, this node grants up to the
 * limit on its own count, as without a store, and counts those grants ({@link #getLocalGrants()}).
 */
public final class Limiter implements LimiterStats {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Limiter.class.getName());
    /** The lease of a permit not taken from the store (no limit, or the store unreachable). */
    private static final String LOCAL_LEASE = "";

    /** What {@link #acquire} did with a waiter. */
    public enum Outcome { GRANTED, QUEUED, FULL }

    private final String level;
    private final String name;
    private final String id;
    private final PermitStore store;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    /** Leases held by this node's requests, oldest first (store mode only). */
    private final ArrayDeque<String> leases = new ArrayDeque<>();
    private int limit;
    private int queueCapacity;
    private int inFlight;
    private boolean attempting;

    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder cancellations = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder localGrants = new LongAdder();

    /**
     * A limiter that counts its permits in this JVM.
     *
     * @param limit         permits; 0 means no limit at this level
     * @param queueCapacity waiters allowed beyond the limit
     */
    public Limiter(String level, String name, int limit, int queueCapacity) {
        this(level, name, level + ":" + name, limit, queueCapacity, null);
    }

    /**
     * @param id    the limit's name in the store, the same on every node (e.g. {@code provider:qwen})
     * @param store where permits are counted; {@code null} for this JVM only
     */
    public Limiter(String level, String name, String id, int limit, int queueCapacity, PermitStore store) {
        this.level = level;
        this.name = name;
        this.id = id;
        this.store = store;
        this.limit = Math.max(0, limit);
        this.queueCapacity = Math.max(0, queueCapacity);
    }

    public String id() {
        return id;
    }

    /** Grants a permit now, queues the waiter (granted or refused later), or refuses because the queue is full. */
    Outcome acquire(Waiter waiter) {
        if (store != null) {
            Outcome outcome = acquireShared(waiter);
            if (outcome == Outcome.QUEUED) {
                store.callbacks().execute(this::pump);
            }
            return outcome;
        }
        synchronized (this) {
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
    }

    private synchronized Outcome acquireShared(Waiter waiter) {
        if (limit == 0) {
            inFlight++;
            admitted.increment();
            leases.addLast(LOCAL_LEASE);
            return Outcome.GRANTED;
        }
        if (queue.size() > queueCapacity) { // the queue plus its head, which is trying for a lease
            rejected.increment();
            return Outcome.FULL;
        }
        queue.addLast(waiter);
        return Outcome.QUEUED;
    }

    /** Gives one permit back; the oldest live waiter, if any, gets it (or, with a store, tries for it). */
    void release() {
        if (store != null) {
            String lease;
            synchronized (this) {
                inFlight = Math.max(0, inFlight - 1);
                lease = leases.pollFirst();
            }
            if (lease != null && !lease.isEmpty()) {
                store.release(id, lease);
            }
            pump();
            return;
        }
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

    /**
     * Store mode: lets the head of the queue try for a lease, unless an attempt is under way or
     * nobody waits. Called on every local release, every wake-up from the store, and after a grant.
     */
    void pump() {
        int currentLimit;
        synchronized (this) {
            if (store == null || attempting || queue.isEmpty()) {
                return;
            }
            attempting = true;
            currentLimit = limit;
        }
        try {
            store.tryAcquire(id, currentLimit).whenCompleteAsync(this::afterAttempt, store.callbacks());
        } catch (RuntimeException e) {
            afterAttempt(null, e);
        }
    }

    private void afterAttempt(String lease, Throwable failure) {
        Waiter granted = null;
        String unused = null;
        List<Waiter> refused = List.of();
        boolean again = false;
        synchronized (this) {
            attempting = false;
            String taken = lease;
            if (failure != null && (limit == 0 || inFlight < limit)) {
                taken = LOCAL_LEASE; // the store is unreachable: this node's own count decides
                localGrants.increment();
            }
            if (taken != null) {
                granted = nextLiveWaiter();
                if (granted == null) {
                    unused = taken;
                } else {
                    inFlight++;
                    admitted.increment();
                    leases.addLast(taken);
                    again = !queue.isEmpty();
                }
            } else {
                refused = refuseBeyondCapacity();
            }
        }
        if (unused != null && !unused.isEmpty()) {
            store.release(id, unused);
        }
        if (granted != null) {
            granted.granted(this);
        }
        refused.forEach(Waiter::refused);
        if (again) {
            pump();
        }
    }

    private Waiter nextLiveWaiter() {
        while (!queue.isEmpty()) {
            Waiter next = queue.pollFirst();
            if (next.claimGrant()) {
                return next;
            }
        }
        return null;
    }

    /** No permit anywhere: the newest waiters beyond the queue's capacity are refused (the head keeps trying). */
    private List<Waiter> refuseBeyondCapacity() {
        List<Waiter> refused = new ArrayList<>(1);
        while (queue.size() > queueCapacity) {
            Waiter newest = queue.pollLast();
            if (newest.cancel()) {
                rejected.increment();
                refused.add(newest);
            }
        }
        return refused;
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
            granted = store == null ? grantWaiting() : List.of();
        }
        granted.forEach(w -> w.granted(this));
        pump();
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
    @Override public long getLocalGrants() { return localGrants.sum(); }
}
