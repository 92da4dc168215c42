package io.promptgate.bootstrap;

import io.promptgate.cluster.RedisConfigNotices;
import io.promptgate.cluster.RedisLink;
import io.promptgate.cluster.RedisPermitStore;
import io.promptgate.cluster.RedisSettings;
import io.promptgate.config.ConfigValues;
import io.promptgate.gateway.admit.PermitStore;
import io.promptgate.service.ConfigVersionWatch;
import io.promptgate.service.SnapshotService;
import java.util.Deque;
import java.util.Optional;

/**
 * The optional cluster features: with {@code PROMPTGATE_REDIS_URL}, the Redis link, cluster-wide
 * permits and configuration change notices (which make other nodes check the stored version at
 * once instead of at their next periodic check).
 */
final class ClusterFeatures {
    private ClusterFeatures() {
    }

    /** Starts them when Redis is configured (pushing what must be closed onto {@code started}); the permit store, or empty. */
    static Optional<PermitStore> start(ConfigValues config, SnapshotService snapshots, ConfigVersionWatch configWatch,
                                       Deque<AutoCloseable> started) {
        Optional<RedisSettings> settings = RedisSettings.from(config);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        RedisLink link = RedisLink.open(settings.get());
        started.push(link);
        RedisPermitStore permits = new RedisPermitStore(link);
        started.push(permits);
        RedisConfigNotices notices = new RedisConfigNotices(link, configWatch::checkSoon);
        snapshots.onLocalChange(notices::announce);
        return Optional.of(permits);
    }
}
