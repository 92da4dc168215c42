package io.promptgate.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's connections to the cluster's Redis (Lettuce): one for commands, one for pub/sub,
 * plus the small thread pool that runs everything the cluster features do (never Lettuce's I/O
 * threads). Commands fail fast instead of queueing while Redis is unreachable (1 s timeout,
 * rejected while disconnected); Lettuce reconnects and re-subscribes by itself, and a first
 * connection that fails is retried in the background. Keys and channels are named
 * {@code <prefix><suffix>}.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY_CONNECT = Duration.ofSeconds(2);

    private final RedisSettings settings;
    private final RedisClient client;
    private final ScheduledThreadPoolExecutor executor;
    private final String nodeId;
    private final Map<String, Consumer<String>> subscriptions = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;

    private RedisLink(RedisSettings settings) {
        this.settings = settings;
        this.nodeId = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("promptgate-cluster");
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.client = RedisClient.create(RedisURI.create(settings.uri()));
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
    }

    /** Connects now if Redis answers, else keeps trying in the background (start-up never waits for Redis). */
    public static RedisLink open(RedisSettings settings) {
        RedisLink link = new RedisLink(settings);
        link.connect();
        return link;
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisConnection<String, String> c = client.connect();
            StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Consumer<String> listener = subscriptions.get(channel);
                    if (listener != null) {
                        executor.execute(() -> listener.accept(message));
                    }
                }
            });
            if (!subscriptions.isEmpty()) {
                p.async().subscribe(subscriptions.keySet().toArray(String[]::new));
            }
            commands = c;
            pubSub = p;
            LOG.info(() -> "Connected to Redis (" + settings + "), node " + nodeId);
        } catch (RuntimeException e) {
            LOG.warning("Redis is unreachable (" + e.getClass().getSimpleName() + "); limits are per node until it answers,"
                    + " retrying every " + RETRY_CONNECT.toSeconds() + " s");
            executor.schedule(this::connect, RETRY_CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The async commands, or empty while no connection was ever made. */
    Optional<RedisAsyncCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> c = commands;
        return c == null ? Optional.empty() : Optional.of(c.async());
    }

    /** Runs {@code listener} (on the cluster pool) with every message published on {@code <prefix><channel>}. */
    void subscribe(String channel, Consumer<String> listener) {
        String name = key(channel);
        subscriptions.put(name, listener);
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (p != null) {
            p.async().subscribe(name);
        }
    }

    /** Publishes on {@code <prefix><channel>}; a failure is logged at FINE and otherwise ignored. */
    void publish(String channel, String message) {
        commands().ifPresent(c -> c.publish(key(channel), message).exceptionally(e -> {
            LOG.log(Level.FINE, "could not publish on " + channel, e);
            return 0L;
        }));
    }

    String key(String suffix) {
        return settings.prefix() + suffix;
    }

    RedisSettings settings() {
        return settings;
    }

    /** A random id of this node's process, in lease ids and change notices. */
    public String nodeId() {
        return nodeId;
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (pubSub != null) {
                pubSub.close();
            }
            if (commands != null) {
                commands.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
