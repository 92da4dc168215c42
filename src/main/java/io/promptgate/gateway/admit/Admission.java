package io.promptgate.gateway.admit;

import io.promptgate.core.ApiKey;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Layered admission: API key, then provider, then global. Each level grants at once, queues the
 * request (FIFO, bounded, until a deadline) or refuses it. A full primary provider queue sends the
 * request to the route's fallback provider, where it may wait; fallback never cascades.
 */
public final class Admission implements AutoCloseable {
    /** Told exactly once how admission ended. */
    public interface Listener {
        void admitted(Provider provider, boolean viaFallback);

        void refused(GatewayError error);
    }

    private final Limiters limiters;
    private final ScheduledThreadPoolExecutor timer;

    public Admission(Limiters limiters) {
        this.limiters = limiters;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("promptgate-queue-timeouts");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public Limiters limiters() {
        return limiters;
    }

    /**
     * Acquires the key, provider and global permits into {@code ticket}.
     *
     * @param fallback the provider to wait on when the primary's queue is full, or {@code null}
     */
    public void admit(ApiKey caller, Protocol shape, Provider primary, Provider fallback, long maxWaitMillis,
                      Ticket ticket, Listener listener) {
        new Run(caller, shape, primary, fallback, deadline(maxWaitMillis), ticket, listener).step(Level.KEY);
    }

    /**
     * A second attempt on the fallback provider after the primary answered with a fallback status:
     * the provider and global permits are given back and taken again on the fallback (the key's
     * stays), in the usual order, so that no request ever waits for a provider while holding a
     * global permit.
     */
    public void readmitOnFallback(ApiKey caller, Protocol shape, Provider primary, Provider fallback, long maxWaitMillis,
                                  Ticket ticket, Listener listener) {
        ticket.releaseLevels(Limiters.GLOBAL, Limiters.PROVIDER);
        limiters.provider(primary).countFallback();
        Run run = new Run(caller, shape, fallback, null, deadline(maxWaitMillis), ticket, listener);
        run.usingFallback = true;
        run.step(Level.PROVIDER);
    }

    private static long deadline(long maxWaitMillis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, maxWaitMillis));
    }

    private enum Level { KEY, PROVIDER, GLOBAL }

    /** One exchange's way through the levels. */
    private final class Run {
        private final ApiKey caller;
        private final Protocol shape;
        private final Provider primary;
        private final Provider fallback;
        private final long deadlineNanos;
        private final Ticket ticket;
        private final Listener listener;
        private boolean usingFallback;

        Run(ApiKey caller, Protocol shape, Provider primary, Provider fallback, long deadlineNanos, Ticket ticket,
            Listener listener) {
            this.caller = caller;
            this.shape = shape;
            this.primary = primary;
            this.fallback = fallback;
            this.deadlineNanos = deadlineNanos;
            this.ticket = ticket;
            this.listener = listener;
        }

        void step(Level level) {
            Limiter limiter = limiterFor(level);
            if (limiter == null) {
                next(level);
                return;
            }
            Waiter waiter = new Waiter(granted -> {
                if (ticket.hold(granted)) {
                    next(level);
                }
            }, () -> full(level)); // refused later: only limiters with a cluster-wide permit store do that
            switch (limiter.acquire(waiter)) {
                case GRANTED -> {
                    if (ticket.hold(limiter)) {
                        next(level);
                    }
                }
                case QUEUED -> queue(limiter, waiter);
                case FULL -> full(level);
            }
        }

        private void queue(Limiter limiter, Waiter waiter) {
            if (!ticket.waitOn(limiter, waiter)) {
                if (waiter.cancel()) {
                    limiter.withdraw(waiter, false); // the exchange ended while we were queueing it
                }
                return;
            }
            long remaining = deadlineNanos - System.nanoTime();
            waiter.timeout(timer.schedule(() -> {
                if (waiter.cancel()) {
                    limiter.withdraw(waiter, true);
                    listener.refused(queueTimeout());
                }
            }, Math.max(0, remaining), TimeUnit.NANOSECONDS));
        }

        private void full(Level level) {
            if (level == Level.KEY) {
                listener.refused(GatewayError.of(ErrorKind.RATE_LIMITED,
                        "Too many concurrent requests for this API key; retry shortly").withRetryAfter(1));
            } else if (level == Level.PROVIDER && !usingFallback && fallback != null) {
                usingFallback = true;
                limiters.provider(primary).countFallback();
                step(Level.PROVIDER);
            } else {
                listener.refused(overloaded("The gateway is at capacity; retry shortly"));
            }
        }

        private void next(Level level) {
            switch (level) {
                case KEY -> step(Level.PROVIDER);
                case PROVIDER -> step(Level.GLOBAL);
                case GLOBAL -> listener.admitted(usingFallback && fallback != null ? fallback : primary,
                        usingFallback);
            }
        }

        private Limiter limiterFor(Level level) {
            return switch (level) {
                case KEY -> caller == null ? null : limiters.key(caller);
                case PROVIDER -> limiters.provider(usingFallback && fallback != null ? fallback : primary);
                case GLOBAL -> limiters.global();
            };
        }

        private GatewayError queueTimeout() {
            GatewayError error = GatewayError.of(ErrorKind.QUEUE_TIMEOUT,
                    "Waited too long for capacity; retry shortly").withRetryAfter(1);
            return shape == Protocol.ANTHROPIC ? error.withStatus(529) : error;
        }

        private GatewayError overloaded(String message) {
            GatewayError error = GatewayError.of(ErrorKind.OVERLOADED, message).withRetryAfter(1);
            return shape == Protocol.OPENAI ? error.withStatus(503) : error;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
