package io.promptgate.cluster;

import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigKey;
import io.promptgate.config.ConfigValues;
import java.time.Duration;
import java.util.Optional;

/**
 * How this node reaches the cluster's Redis: the URI (may hold a password: never logged), the
 * prefix of every key and channel, and the permit lease time.
 */
public record RedisSettings(String uri, String prefix, Duration lease) {
    public static final String DEFAULT_PREFIX = "promptgate:";
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    static final Duration MIN_LEASE = Duration.ofMillis(500);

    /** Empty when {@code PROMPTGATE_REDIS_URL} is not set: every node then limits on its own. */
    public static Optional<RedisSettings> from(ConfigValues config) {
        Optional<String> uri = config.get(ConfigKey.REDIS_URL);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        if (!uri.get().startsWith("redis://") && !uri.get().startsWith("rediss://")) {
            throw new ConfigException(ConfigKey.REDIS_URL.describe() + " must be a redis:// or rediss:// URI");
        }
        String prefix = config.get(ConfigKey.REDIS_PREFIX).orElse(DEFAULT_PREFIX);
        Duration lease = DEFAULT_LEASE;
        Optional<String> leaseMs = config.get(ConfigKey.REDIS_LEASE_MS);
        if (leaseMs.isPresent()) {
            try {
                lease = Duration.ofMillis(Long.parseLong(leaseMs.get().trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(ConfigKey.REDIS_LEASE_MS.describe() + " must be a number of milliseconds");
            }
            if (lease.compareTo(MIN_LEASE) < 0) {
                throw new ConfigException(ConfigKey.REDIS_LEASE_MS.describe() + " must be at least " + MIN_LEASE.toMillis());
            }
        }
        return Optional.of(new RedisSettings(uri.get(), prefix, lease));
    }

    /** Renew held leases this often: three chances before one expires. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    @Override
    public String toString() {
        return "RedisSettings[prefix=" + prefix + ", lease=" + lease.toMillis() + " ms]"; // never the URI: it may hold a password
    }
}
