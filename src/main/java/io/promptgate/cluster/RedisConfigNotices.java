package io.promptgate.cluster;

/**
 * Configuration change notices between nodes over Redis pub/sub ({@code <prefix>config:changed}):
 * {@link #announce()} after a change made through this node; a notice from another node runs
 * {@code onRemoteChange} (which checks the stored version and reloads). A lost notice is caught
 * by the periodic database version check.
 */
public final class RedisConfigNotices {
    static final String CHANNEL = "config:changed";

    private final RedisLink link;

    public RedisConfigNotices(RedisLink link, Runnable onRemoteChange) {
        this.link = link;
        link.subscribe(CHANNEL, sender -> {
            if (!sender.equals(link.nodeId())) {
                onRemoteChange.run();
            }
        });
    }

    /** Tells the other nodes that the configuration changed (fire and forget). */
    public void announce() {
        link.publish(CHANNEL, link.nodeId());
    }
}
