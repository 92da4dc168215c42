package io.promptgate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.admit.Admission;
import io.promptgate.gateway.admit.Limiters;
import io.promptgate.gateway.admit.Ticket;
import io.promptgate.testing.FreePorts;
import io.promptgate.testing.FreshRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two "nodes" (each its own Redis connections, permit store, limiters and admission) sharing one
 * real Redis under a fresh key prefix: the provider limit holds across them, a release on one
 * wakes the other, a dead node's leases expire, and an unreachable Redis never hangs admission.
 */
class RedisPermitStoreTest {
    static final Duration LEASE = Duration.ofMillis(1_000);
    static final Provider PROVIDER = new Provider(0, "shared", URI.create("http://127.0.0.1:1/v1"), null, List.of(), 2, 4, null,
            null, null, null, null);
    static final GatewaySnapshot SNAPSHOT = snapshot(PROVIDER);

    private FreshRedis redis;
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();

    static GatewaySnapshot snapshot(Provider provider) {
        return new GatewaySnapshot(1, new GatewaySettings(100, 100, 30_000, 1024, "en", Set.of(429)), List.of(),
                Map.of(provider.name(), provider), Map.of(), List.of());
    }

    @BeforeEach
    void redis() {
        redis = FreshRedis.create();
    }

    @AfterEach
    void close() throws Exception {
        while (!closing.isEmpty()) {
            closing.pop().close();
        }
        redis.close();
    }

    /** One gateway node's admission over the shared store. */
    final class Node {
        final RedisLink link;
        final RedisPermitStore store;
        final Limiters limiters;
        final Admission admission;

        Node(String url, GatewaySnapshot snapshot) {
            link = RedisLink.open(new RedisSettings(url, redis.prefix(), LEASE));
            closing.push(link);
            store = new RedisPermitStore(link);
            closing.push(store);
            limiters = new Limiters(l -> { }, store);
            limiters.apply(snapshot);
            admission = new Admission(limiters);
            closing.push(admission);
        }

        Outcome admit(Provider provider, long maxWaitMs) {
            Outcome o = new Outcome();
            closing.push(o.ticket);
            admission.admit(null, Protocol.OPENAI, provider, null, maxWaitMs, o.ticket, o);
            return o;
        }
    }

    static final class Outcome implements Admission.Listener {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final Ticket ticket = new Ticket();

        @Override
        public void admitted(Provider provider, boolean viaFallback) {
            result.complete(provider.name());
        }

        @Override
        public void refused(GatewayError error) {
            result.complete("refused " + error.status());
        }

        String await() throws Exception {
            return result.get(5, TimeUnit.SECONDS);
        }

        String now() {
            return result.getNow("waiting");
        }
    }

    @Test
    void theProviderLimitHoldsAcrossNodesAndAReleaseWakesTheOtherNode() throws Exception {
        Node a = new Node(redis.url(), SNAPSHOT);
        Node b = new Node(redis.url(), SNAPSHOT);
        Outcome a1 = a.admit(PROVIDER, 30_000);
        Outcome a2 = a.admit(PROVIDER, 30_000);
        assertThat(a1.await()).isEqualTo("shared");
        assertThat(a2.await()).isEqualTo("shared");

        Outcome b1 = b.admit(PROVIDER, 30_000);
        Thread.sleep(600);
        assertThat(b1.now()).as("two permits taken on node A").isEqualTo("waiting");
        assertThat(redis.commands().zcard(redis.prefix() + "permits:provider:shared")).isEqualTo(2);

        long released = System.nanoTime();
        a1.ticket.close();
        assertThat(b1.await()).isEqualTo("shared");
        assertThat(Duration.ofNanos(System.nanoTime() - released)).as("woken by the release notice").isLessThan(Duration.ofMillis(900));
        assertThat(b.store.heldLeases("provider:shared")).isEqualTo(1);
        assertThat(a.limiters.provider(PROVIDER).getLocalGrants()).isZero();
    }

    @Test
    void leasesHeldLongerThanTheLeaseTimeAreRenewed() throws Exception {
        Node a = new Node(redis.url(), SNAPSHOT);
        Node b = new Node(redis.url(), SNAPSHOT);
        a.admit(PROVIDER, 30_000).await();
        a.admit(PROVIDER, 30_000).await();
        Outcome b1 = b.admit(PROVIDER, 30_000);
        Thread.sleep(3 * LEASE.toMillis());
        assertThat(b1.now()).as("A's leases stay alive while A runs").isEqualTo("waiting");
    }

    @Test
    void aDeadNodesPermitsComeBackWithinTheLeaseTime() throws Exception {
        Node a = new Node(redis.url(), SNAPSHOT);
        Node b = new Node(redis.url(), SNAPSHOT);
        a.admit(PROVIDER, 30_000).await();
        a.admit(PROVIDER, 30_000).await();
        Outcome b1 = b.admit(PROVIDER, 30_000);
        Thread.sleep(300);
        assertThat(b1.now()).isEqualTo("waiting");

        long died = System.nanoTime();
        a.store.close();
        a.link.close(); // like a crash: nothing released, nothing renewed any more
        assertThat(b1.await()).isEqualTo("shared");
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(LEASE.plus(Duration.ofMillis(1_000)));
    }

    @Test
    void withTheClusterFullAndNoQueueRoomARequestIsRefusedAtOnce() throws Exception {
        Provider noQueue = new Provider(0, "noqueue", URI.create("http://127.0.0.1:1/v1"), null, List.of(), 1, 0, null,
                null, null, null, null);
        Node a = new Node(redis.url(), snapshot(noQueue));
        Node b = new Node(redis.url(), snapshot(noQueue));
        assertThat(a.admit(noQueue, 30_000).await()).isEqualTo("noqueue");
        long asked = System.nanoTime();
        assertThat(b.admit(noQueue, 30_000).await()).isEqualTo("refused 503");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anUnreachableRedisFallsBackToPerNodeLimitsWithoutHanging() throws Exception {
        Node a = new Node("redis://127.0.0.1:" + FreePorts.find(), SNAPSHOT);
        long asked = System.nanoTime();
        Outcome a1 = a.admit(PROVIDER, 30_000);
        Outcome a2 = a.admit(PROVIDER, 30_000);
        Outcome a3 = a.admit(PROVIDER, 30_000);
        assertThat(a1.await()).isEqualTo("shared");
        assertThat(a2.await()).isEqualTo("shared");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(300);
        assertThat(a3.now()).as("this node still enforces the limit on its own").isEqualTo("waiting");
        assertThat(a.limiters.provider(PROVIDER).getLocalGrants()).isEqualTo(2);

        a1.ticket.close();
        assertThat(a3.await()).isEqualTo("shared");
    }
}
