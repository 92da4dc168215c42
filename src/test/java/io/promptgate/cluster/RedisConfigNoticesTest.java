package io.promptgate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FreshRedis;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A change announced by one node reaches the others' callback over pub/sub, and not its own. */
class RedisConfigNoticesTest {
    @Test
    void aNoticeReachesTheOtherNodesOnly() throws Exception {
        try (FreshRedis redis = FreshRedis.create();
             RedisLink a = RedisLink.open(new RedisSettings(redis.url(), redis.prefix(), Duration.ofSeconds(5)));
             RedisLink b = RedisLink.open(new RedisSettings(redis.url(), redis.prefix(), Duration.ofSeconds(5)))) {
            Semaphore seenByA = new Semaphore(0);
            Semaphore seenByB = new Semaphore(0);
            RedisConfigNotices noticesA = new RedisConfigNotices(a, seenByA::release);
            new RedisConfigNotices(b, seenByB::release);
            Thread.sleep(200); // subscriptions are asynchronous

            long sent = System.nanoTime();
            noticesA.announce();
            assertThat(seenByB.tryAcquire(2, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat(seenByA.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
        }
    }
}
