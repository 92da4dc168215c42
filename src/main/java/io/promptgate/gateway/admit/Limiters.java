package io.promptgate.gateway.admit;

import io.promptgate.core.ApiKey;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The limiters of all three levels. They outlive configuration snapshots (in-flight requests hold
 * their permits across a change); a new snapshot only resizes them. With a {@link PermitStore}
 * every limit holds across the cluster: each limiter's permits are leases in the store, under an
 * id that is the same on every node ({@code global}, {@code provider:<name>}, {@code key:<id>}).
 */
public final class Limiters {
    public static final String GLOBAL = "global";
    public static final String PROVIDER = "provider";
    public static final String KEY = "key";
    /** Waiters allowed per key beyond its concurrency limit. */
    public static final int KEY_QUEUE = 32;

    private final Limiter global;
    private final Map<String, Limiter> providers = new ConcurrentHashMap<>();
    private final Map<Long, Limiter> keys = new ConcurrentHashMap<>();
    private final Consumer<Limiter> onCreate;
    private final PermitStore store;
    private volatile GatewaySnapshot appliedTo;

    /** @param onCreate told of every limiter created (e.g. to publish it over JMX) */
    public Limiters(Consumer<Limiter> onCreate) {
        this(onCreate, null);
    }

    /**
     * @param onCreate told of every limiter created (e.g. to publish it over JMX)
     * @param store    where permits are counted cluster-wide; {@code null}: in this JVM
     */
    public Limiters(Consumer<Limiter> onCreate, PermitStore store) {
        this.onCreate = onCreate;
        this.store = store;
        GatewaySettings defaults = GatewaySettings.DEFAULTS;
        this.global = new Limiter(GLOBAL, GLOBAL, GLOBAL, defaults.globalConcurrency(), defaults.globalQueue(), store);
        onCreate.accept(global);
        if (store != null) {
            store.onWakeUp(this::wakeUp);
        }
    }

    /** Permits of {@code limiterId} may be free (a release on some node), or of any limiter when it is {@code null}. */
    void wakeUp(String limiterId) {
        if (limiterId == null) {
            global.pump();
            providers.values().forEach(Limiter::pump);
            keys.values().forEach(Limiter::pump);
        } else if (limiterId.equals(GLOBAL)) {
            global.pump();
        } else if (limiterId.startsWith(PROVIDER + ":")) {
            Limiter limiter = providers.get(limiterId.substring(PROVIDER.length() + 1));
            if (limiter != null) {
                limiter.pump();
            }
        } else if (limiterId.startsWith(KEY + ":")) {
            try {
                Limiter limiter = keys.get(Long.parseLong(limiterId.substring(KEY.length() + 1)));
                if (limiter != null) {
                    limiter.pump();
                }
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
    }

    /** Brings every limiter in line with {@code snapshot}; cheap when it is already applied. */
    public void apply(GatewaySnapshot snapshot) {
        if (appliedTo == snapshot) {
            return;
        }
        synchronized (this) {
            if (appliedTo == snapshot) {
                return;
            }
            GatewaySettings settings = snapshot.settings();
            global.resize(settings.globalConcurrency(), settings.globalQueue());
            for (Provider p : snapshot.providersByName().values()) {
                providers.computeIfAbsent(p.name(), n -> created(providerLimiter(n, p)))
                        .resize(p.concurrency(), p.queue());
            }
            for (ApiKey k : snapshot.apiKeys()) {
                Limiter existing = keys.get(k.id());
                if (existing != null) {
                    existing.resize(k.concurrency(), k.concurrency() == 0 ? 0 : KEY_QUEUE);
                } else if (k.concurrency() > 0) {
                    keys.put(k.id(), new Limiter(KEY, k.prefix(), KEY + ":" + k.id(), k.concurrency(), KEY_QUEUE, store));
                }
            }
            appliedTo = snapshot;
        }
    }

    public Limiter global() {
        return global;
    }

    /** The provider's limiter (created unlimited if the provider is not in the applied snapshot). */
    public Limiter provider(Provider provider) {
        return providers.computeIfAbsent(provider.name(), n -> created(providerLimiter(n, provider)));
    }

    private Limiter providerLimiter(String name, Provider provider) {
        return new Limiter(PROVIDER, name, PROVIDER + ":" + name, provider.concurrency(), provider.queue(), store);
    }

    /** The key's limiter, or {@code null} when the key has no limit of its own. */
    public Limiter key(ApiKey key) {
        Limiter limiter = keys.get(key.id());
        return limiter == null || limiter.getLimit() == 0 ? null : limiter;
    }

    /** Every provider and global limiter, for monitoring. */
    public Collection<LimiterStats> all() {
        List<LimiterStats> all = new ArrayList<>(providers.values());
        all.add(global);
        return all;
    }

    /** Sum over all per-key limiters (one MBean for the level, not one per key). */
    public LimiterStats keyLevel() {
        return new KeyLevelStats(keys.values());
    }

    private Limiter created(Limiter limiter) {
        onCreate.accept(limiter);
        return limiter;
    }
}
