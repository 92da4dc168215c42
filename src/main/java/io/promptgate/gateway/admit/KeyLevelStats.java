package io.promptgate.gateway.admit;

import java.util.Collection;
import java.util.function.ToLongFunction;

/** The key level as one set of numbers: the sum over every key's limiter, read live. */
final class KeyLevelStats implements LimiterStats {
    private final Collection<Limiter> keys;

    KeyLevelStats(Collection<Limiter> keys) {
        this.keys = keys;
    }

    private long sum(ToLongFunction<Limiter> f) {
        return keys.stream().mapToLong(f).sum();
    }

    @Override public String getLevel() { return Limiters.KEY; }
    @Override public String getName() { return "all-keys"; }
    @Override public int getLimit() { return (int) sum(Limiter::getLimit); }
    @Override public int getQueueCapacity() { return (int) sum(Limiter::getQueueCapacity); }
    @Override public int getInFlight() { return (int) sum(Limiter::getInFlight); }
    @Override public int getQueued() { return (int) sum(Limiter::getQueued); }
    @Override public long getAdmitted() { return sum(Limiter::getAdmitted); }
    @Override public long getRejected() { return sum(Limiter::getRejected); }
    @Override public long getTimeouts() { return sum(Limiter::getTimeouts); }
    @Override public long getCancellations() { return sum(Limiter::getCancellations); }
    @Override public long getFallbacks() { return sum(Limiter::getFallbacks); }
    @Override public long getLocalGrants() { return sum(Limiter::getLocalGrants); }
}
