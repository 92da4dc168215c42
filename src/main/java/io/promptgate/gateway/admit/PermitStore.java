package io.promptgate.gateway.admit;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where permits are counted when several gateway nodes share their limits (e.g. Redis). Without
 * one, each {@link Limiter} counts its permits in this JVM. A permit taken from a store is a
 * lease: the store keeps it alive while this node runs and lets it expire when the node dies.
 */
public interface PermitStore {
    /**
     * Tries to take one of {@code limit} permits of {@code limiterId} across the cluster.
     * Completes with a lease id, with {@code null} when every permit is taken, or exceptionally
     * (soon, never hanging) when the store cannot be reached.
     */
    CompletionStage<String> tryAcquire(String limiterId, int limit);

    /** Gives a lease back and tells the other nodes that a permit of {@code limiterId} is free. Never blocks. */
    void release(String limiterId, String leaseId);

    /**
     * Registers who to wake when permits of a limiter may have become free: with its id when a
     * node released one, with {@code null} ("check every limiter") on a periodic tick.
     */
    void onWakeUp(Consumer<String> wakeUp);

    /** Runs the continuations of {@link #tryAcquire} (grants go on from there): never the store's I/O threads. */
    Executor callbacks();
}
