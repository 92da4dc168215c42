package io.promptgate.gateway.admit;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One request waiting in a limiter's queue; granted or cancelled (timeout, client gone) exactly once. */
final class Waiter {
    private static final int WAITING = 0;
    private static final int GRANTED = 1;
    private static final int CANCELLED = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Consumer<Limiter> onGrant;
    private final Runnable onRefused;
    private volatile ScheduledFuture<?> timeout;

    Waiter(Consumer<Limiter> onGrant) {
        this(onGrant, () -> { });
    }

    /** @param onRefused run when a limiter with a {@link PermitStore} finds no permit and its queue over capacity */
    Waiter(Consumer<Limiter> onGrant, Runnable onRefused) {
        this.onGrant = onGrant;
        this.onRefused = onRefused;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    /** Called by the limiter, under its lock, to decide whether this waiter takes the permit. */
    boolean claimGrant() {
        return state.compareAndSet(WAITING, GRANTED);
    }

    /** Called by the limiter after {@link #claimGrant()} succeeded, outside its lock. */
    void granted(Limiter limiter) {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        onGrant.accept(limiter);
    }

    /** Called by a limiter after {@link #cancel()} succeeded for a refusal, outside its lock. */
    void refused() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        onRefused.run();
    }

    /** True if this call cancelled the wait (no grant can happen any more). */
    boolean cancel() {
        return state.compareAndSet(WAITING, CANCELLED);
    }
}
