package io.promptgate.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A key prefix of its own ({@code promptgate_it_<random>:}) on the machine's shared Redis
 * ({@code PROMPTGATE_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}); {@link #close()}
 * deletes the keys under it, never anything else. Without a Redis the test is skipped, except
 * under CI, where {@code .ci/run} starts one.
 */
public final class FreshRedis implements AutoCloseable {
    public static final String URL = System.getenv().getOrDefault("PROMPTGATE_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private FreshRedis(String prefix, RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.prefix = prefix;
        this.client = client;
        this.connection = connection;
    }

    public static FreshRedis create() {
        RedisClient client = RedisClient.create(URL);
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            String prefix = "promptgate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ":";
            return new FreshRedis(prefix, client, connection);
        } catch (RuntimeException e) {
            client.shutdown();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Redis at " + URL + " is required under CI", e);
            }
            Assumptions.abort("no Redis at " + URL + " (" + e.getMessage() + ")");
            throw e;
        }
    }

    public String url() {
        return URL;
    }

    public String prefix() {
        return prefix;
    }

    /** Synchronous commands, for assertions on the keys under the prefix. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        try {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            connection.close();
            client.shutdown();
        }
    }
}
