package io.promptgate.gateway.admit;

import java.util.ArrayList;
import java.util.List;

/**
 * The permits one exchange holds and the wait it may be in. Closing it releases every held permit
 * exactly once and withdraws a pending wait; a permit granted after closing is given straight back.
 */
public final class Ticket implements AutoCloseable {
    private final List<Limiter> held = new ArrayList<>(3);
    private Waiter waiting;
    private Limiter waitingOn;
    private boolean closed;

    /** Keeps a granted permit; false (and the permit returned) if the ticket was closed meanwhile. */
    boolean hold(Limiter limiter) {
        synchronized (this) {
            if (!closed) {
                held.add(limiter);
                if (waitingOn == limiter) {
                    waiting = null;
                    waitingOn = null;
                }
                return true;
            }
        }
        limiter.release();
        return false;
    }

    synchronized boolean waitOn(Limiter limiter, Waiter waiter) {
        if (closed) {
            return false;
        }
        waiting = waiter;
        waitingOn = limiter;
        return true;
    }

    /** Gives back the permits of the given levels (keeping the others), e.g. before a fallback attempt. */
    void releaseLevels(String... levels) {
        List<Limiter> released = new ArrayList<>(2);
        synchronized (this) {
            for (String level : levels) {
                held.removeIf(l -> {
                    if (l.getLevel().equals(level)) {
                        released.add(l);
                        return true;
                    }
                    return false;
                });
            }
        }
        released.forEach(Limiter::release);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    synchronized int heldCount() {
        return held.size();
    }

    /** Releases everything: every path that ends an exchange calls this, and only the first call acts. */
    @Override
    public void close() {
        List<Limiter> toRelease;
        Waiter pending;
        Limiter pendingOn;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toRelease = new ArrayList<>(held);
            held.clear();
            pending = waiting;
            pendingOn = waitingOn;
            waiting = null;
            waitingOn = null;
        }
        if (pending != null && pending.cancel()) {
            pendingOn.withdraw(pending, false);
        }
        for (int i = toRelease.size() - 1; i >= 0; i--) {
            toRelease.get(i).release();
        }
    }
}
