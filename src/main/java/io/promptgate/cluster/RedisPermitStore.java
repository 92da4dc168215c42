package io.promptgate.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.promptgate.gateway.admit.PermitStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cluster-wide permits in Redis. Each limit is a sorted set {@code <prefix>permits:<limiter id>}
 * of lease ids scored by their expiry (Redis server time, so node clocks do not matter):
 * <ul>
 *   <li>acquire (one Lua script): drop expired leases; if fewer than the limit remain, add one;</li>
 *   <li>renew: every third of the lease time this node pushes the expiry of every lease it holds;</li>
 *   <li>release: remove the lease and publish the limiter id on {@code <prefix>permits:released},
 *       which wakes the waiters of every node.</li>
 * </ul>
 * A node that dies stops renewing: its leases expire within the lease time and the permits come
 * back. A periodic tick wakes every local waiter too, for missed notices and expired leases.
 */
public final class RedisPermitStore implements PermitStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisPermitStore.class.getName());
    static final String RELEASED_CHANNEL = "permits:released";
    static final long TICK_MS = 250;

    private static final String NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000) ";
    /** KEYS[1] set; ARGV limit, lease ms, lease id. */
    static final String ACQUIRE = NOW
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
            + "if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then "
            + "  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3]) "
            + "  redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[2])) "
            + "  return 1 "
            + "end "
            + "return 0";
    /** KEYS[1] set; ARGV lease ms, lease ids... (only leases still present are renewed). */
    static final String RENEW = NOW
            + "local n = 0 "
            + "for i = 2, #ARGV do n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i]) end "
            + "redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[1])) "
            + "return n";
    /** KEYS[1] set, KEYS[2] channel; ARGV lease id, limiter id. */
    static final String RELEASE = "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('PUBLISH', KEYS[2], ARGV[2]) return 1";

    private final RedisLink link;
    private final long leaseMs;
    private final AtomicLong leaseCounter = new AtomicLong();
    /** Leases this node holds, by limiter id: renewed until released. */
    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
    private final AtomicReference<Consumer<String>> wakeUp = new AtomicReference<>(id -> { });
    private final ScheduledFuture<?> renewing;
    private final ScheduledFuture<?> ticking;
    private volatile boolean failing;

    public RedisPermitStore(RedisLink link) {
        this.link = link;
        this.leaseMs = link.settings().lease().toMillis();
        link.subscribe(RELEASED_CHANNEL, id -> wakeUp.get().accept(id));
        long renewMs = link.settings().renewEvery().toMillis();
        this.renewing = link.executor().scheduleWithFixedDelay(this::renewAll, renewMs, renewMs, TimeUnit.MILLISECONDS);
        this.ticking = link.executor().scheduleWithFixedDelay(() -> wakeUp.get().accept(null), TICK_MS, TICK_MS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<String> tryAcquire(String limiterId, int limit) {
        RedisAsyncCommands<String, String> redis = link.commands().orElse(null);
        if (redis == null) {
            return failed(new IllegalStateException("not connected to Redis"));
        }
        String lease = link.nodeId() + "-" + leaseCounter.incrementAndGet();
        CompletableFuture<String> result = new CompletableFuture<>();
        try {
            redis.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {setKey(limiterId)},
                    Integer.toString(limit), Long.toString(leaseMs), lease).whenComplete((taken, failure) -> {
                        if (failure != null) {
                            reportFailure(failure);
                            result.completeExceptionally(failure);
                            return;
                        }
                        reportRecovery();
                        if (taken != null && taken == 1L) {
                            held.computeIfAbsent(limiterId, id -> ConcurrentHashMap.newKeySet()).add(lease);
                            result.complete(lease);
                        } else {
                            result.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            reportFailure(e);
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void release(String limiterId, String leaseId) {
        Set<String> leases = held.get(limiterId);
        if (leases != null) {
            leases.remove(leaseId);
        }
        link.commands().ifPresent(redis -> {
            try {
                redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {setKey(limiterId), link.key(RELEASED_CHANNEL)},
                        leaseId, limiterId).exceptionally(e -> {
                            // the lease expires by itself within the lease time
                            LOG.log(Level.FINE, "could not release a lease of " + limiterId, e);
                            return null;
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "could not release a lease of " + limiterId, e);
            }
        });
    }

    @Override
    public void onWakeUp(Consumer<String> listener) {
        wakeUp.set(listener);
    }

    @Override
    public Executor callbacks() {
        return link.executor();
    }

    /** Leases currently held by this node for {@code limiterId} (for tests and monitoring). */
    public int heldLeases(String limiterId) {
        Set<String> leases = held.get(limiterId);
        return leases == null ? 0 : leases.size();
    }

    private void renewAll() {
        RedisAsyncCommands<String, String> redis = link.commands().orElse(null);
        if (redis == null) {
            return;
        }
        held.forEach((limiterId, leases) -> {
            List<String> ids = List.copyOf(leases);
            if (ids.isEmpty()) {
                return;
            }
            String[] args = new String[ids.size() + 1];
            args[0] = Long.toString(leaseMs);
            for (int i = 0; i < ids.size(); i++) {
                args[i + 1] = ids.get(i);
            }
            try {
                redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {setKey(limiterId)}, args).exceptionally(e -> {
                    reportFailure(e);
                    return null;
                });
            } catch (RuntimeException e) {
                reportFailure(e);
            }
        });
    }

    private String setKey(String limiterId) {
        return link.key("permits:" + limiterId);
    }

    private void reportFailure(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warning("Redis permit store unreachable (" + failure.getClass().getSimpleName()
                    + "): each node enforces its limits on its own until it answers (metric promptgate.admission.local_grants)");
        }
    }

    private void reportRecovery() {
        if (failing) {
            failing = false;
            LOG.info("Redis permit store answers again: limits are cluster-wide");
        }
    }

    private static <T> CompletionStage<T> failed(Throwable failure) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(failure);
        return f;
    }

    @Override
    public void close() {
        renewing.cancel(false);
        ticking.cancel(false);
    }
}
