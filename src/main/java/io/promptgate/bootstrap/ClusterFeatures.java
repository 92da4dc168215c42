package io.promptgate.bootstrap;

import io.promptgate.cluster.RedisActionEvents;
import io.promptgate.cluster.RedisConfigNotices;
import io.promptgate.cluster.RedisLink;
import io.promptgate.cluster.RedisPermitStore;
import io.promptgate.cluster.RedisSettings;
import io.promptgate.config.ConfigValues;
import io.promptgate.gateway.admit.PermitStore;
import io.promptgate.ops.ActionLog;
import io.promptgate.service.ConfigVersionWatch;
import io.promptgate.service.SnapshotService;
import java.util.Deque;
import java.util.Optional;

/**
 * The optional cluster features: with {@code PROMPTGATE_REDIS_URL}, the Redis link, cluster-wide
 * permits, configuration change notices (which make other nodes check the stored version at
 * once instead of at their next periodic check) and the action-log events of all nodes.
 */
final class ClusterFeatures {
    private final RedisLink link;
    private final PermitStore permits;

    private ClusterFeatures(RedisLink link, PermitStore permits) {
        this.link = link;
        this.permits = permits;
    }

    /** Starts them when Redis is configured (pushing what must be closed onto {@code started}); empty without Redis. */
    static Optional<ClusterFeatures> start(ConfigValues config, SnapshotService snapshots, ConfigVersionWatch configWatch,
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
        return Optional.of(new ClusterFeatures(link, permits));
    }

    /** The cluster-wide permit store. */
    PermitStore permits() {
        return permits;
    }

    /** Shares this node's action-log events with the other nodes and relays theirs into this node's feed. */
    void shareActionLog(ActionLog actionLog) {
        RedisActionEvents events = new RedisActionEvents(link, actionLog::relay);
        actionLog.shareWith(events::share);
    }
}
