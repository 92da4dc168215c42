package io.promptgate.gateway.admit;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.ApiKey;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.KeyDigest;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    static final Provider PRIMARY = provider("primary", 2, 2);
    static final Provider BACKUP = provider("backup", 1, 1);
    static final ApiKey LIMITED_KEY = new ApiKey(1, 1, "alice", "k", "pg_aaaa", KeyDigest.sha256("pg_a"), true, 3);
    static final ApiKey FREE_KEY = new ApiKey(2, 1, "alice", "k2", "pg_bbbb", KeyDigest.sha256("pg_b"), true, 0);

    private final Limiters limiters = new Limiters(l -> { });
    private final Admission admission = new Admission(limiters);

    static Provider provider(String name, int concurrency, int queue) {
        return new Provider(0, name, URI.create("http://127.0.0.1:1/v1"), null, List.of(), concurrency, queue, null,
                null, null, null, null);
    }

    AdmissionTest() {
        limiters.apply(new GatewaySnapshot(1, new GatewaySettings(4, 4, 30_000, 1024, "en", Set.of(429)), List.of(),
                Map.of("primary", PRIMARY, "backup", BACKUP), Map.of(), List.of(LIMITED_KEY, FREE_KEY)));
    }

    @AfterEach
    void close() {
        admission.close();
    }

    /** What happened to one admission attempt. */
    static final class Outcome implements Admission.Listener {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final Ticket ticket = new Ticket();

        @Override
        public void admitted(Provider provider, boolean viaFallback) {
            result.complete(provider.name() + (viaFallback ? " (fallback)" : ""));
        }

        @Override
        public void refused(GatewayError error) {
            result.complete("refused " + error.status() + " " + error.kind().code());
        }

        String now() {
            return result.getNow("waiting");
        }
    }

    private Outcome admit(ApiKey key, Protocol shape, Provider fallback, long maxWaitMs) {
        Outcome o = new Outcome();
        admission.admit(key, shape, PRIMARY, fallback, maxWaitMs, o.ticket, o);
        return o;
    }

    @Test
    void grantsUpToTheLimitThenQueuesInOrderThenOverflowsToTheFallback() {
        Outcome a = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        Outcome b = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        Outcome c = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        Outcome d = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        Outcome e = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        assertThat(List.of(a.now(), b.now(), c.now(), d.now())).containsExactly("primary", "primary", "waiting", "waiting");
        assertThat(e.now()).as("primary queue full: the fallback serves").isEqualTo("backup (fallback)");

        Outcome f = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        assertThat(f.now()).as("the fallback is busy: wait in its queue, never cascade").isEqualTo("waiting");
        Outcome g = admit(FREE_KEY, Protocol.OPENAI, BACKUP, 30_000);
        assertThat(g.now()).as("both queues full").isEqualTo("refused 503 overloaded");

        a.ticket.close();
        assertThat(c.now()).as("FIFO: the oldest waiter gets the freed permit").isEqualTo("primary");
        assertThat(d.now()).isEqualTo("waiting");
        e.ticket.close();
        assertThat(f.now()).isEqualTo("backup (fallback)");
    }

    @Test
    void anthropicCallersGet529WhenOverloaded() {
        for (int i = 0; i < 4; i++) {
            admit(FREE_KEY, Protocol.ANTHROPIC, null, 30_000);
        }
        assertThat(admit(FREE_KEY, Protocol.ANTHROPIC, null, 30_000).now()).isEqualTo("refused 529 overloaded");
    }

    @Test
    void aKeyOverItsLimitWithAFullQueueGets429() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3 + Limiters.KEY_QUEUE; i++) {
            outcomes.add(admit(LIMITED_KEY, Protocol.OPENAI, null, 30_000));
        }
        assertThat(outcomes).noneMatch(o -> o.now().startsWith("refused"));
        Outcome over = admit(LIMITED_KEY, Protocol.OPENAI, null, 30_000);
        assertThat(over.now()).isEqualTo("refused 429 rate_limit_exceeded");
        assertThat(limiters.key(LIMITED_KEY).getInFlight()).isEqualTo(3);
    }

    @Test
    void queueWaitIsBoundedAndTheTimedOutWaiterLeavesTheQueue() throws Exception {
        admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        Outcome openai = admit(FREE_KEY, Protocol.OPENAI, null, 100);
        Outcome anthropic = admit(FREE_KEY, Protocol.ANTHROPIC, null, 100);
        assertThat(openai.result.get(5, TimeUnit.SECONDS)).isEqualTo("refused 503 queue_timeout");
        assertThat(anthropic.result.get(5, TimeUnit.SECONDS)).isEqualTo("refused 529 queue_timeout");
        Limiter primary = limiters.provider(PRIMARY);
        assertThat(primary.getQueued()).isZero();
        assertThat(primary.getTimeouts()).isEqualTo(2);
    }

    @Test
    void closingAQueuedTicketWithdrawsItAndItNeverGetsAPermit() {
        Outcome a = admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        Outcome queued = admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        queued.ticket.close(); // the client went away
        Limiter primary = limiters.provider(PRIMARY);
        assertThat(primary.getQueued()).isZero();
        assertThat(primary.getCancellations()).isEqualTo(1);
        a.ticket.close();
        assertThat(queued.now()).isEqualTo("waiting");
        assertThat(primary.getInFlight()).isEqualTo(1);
    }

    @Test
    void readmissionOnTheFallbackKeepsTheKeyPermitAndReleasesTheRest() {
        Outcome a = admit(LIMITED_KEY, Protocol.OPENAI, BACKUP, 30_000);
        assertThat(a.now()).isEqualTo("primary");
        assertThat(a.ticket.heldCount()).isEqualTo(3);
        Outcome retry = new Outcome();
        admission.readmitOnFallback(LIMITED_KEY, Protocol.OPENAI, PRIMARY, BACKUP, 30_000, a.ticket, retry);
        assertThat(retry.now()).isEqualTo("backup (fallback)");
        assertThat(limiters.provider(PRIMARY).getInFlight()).isZero();
        assertThat(limiters.provider(BACKUP).getInFlight()).isEqualTo(1);
        assertThat(limiters.key(LIMITED_KEY).getInFlight()).isEqualTo(1);
        assertThat(limiters.provider(PRIMARY).getFallbacks()).isEqualTo(1);
        a.ticket.close();
        a.ticket.close();
        assertThat(limiters.global().getInFlight()).isZero();
        assertThat(limiters.key(LIMITED_KEY).getInFlight()).isZero();
        assertThat(limiters.provider(BACKUP).getInFlight()).isZero();
    }

    @Test
    void resizingGrantsWaitersThatNowFit() {
        admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        Outcome waiting = admit(FREE_KEY, Protocol.OPENAI, null, 30_000);
        limiters.provider(PRIMARY).resize(3, 2);
        assertThat(waiting.now()).isEqualTo("primary");
    }

    @Test
    void underConcurrentChurnEveryPermitComesBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<Outcome> all = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            done.add(CompletableFuture.runAsync(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                Outcome o = admit(r.nextBoolean() ? LIMITED_KEY : FREE_KEY, Protocol.OPENAI, r.nextBoolean() ? BACKUP : null,
                        r.nextInt(1, 30));
                all.add(o);
                if (r.nextInt(4) == 0) {
                    o.ticket.close(); // client gone, possibly while queued
                } else {
                    o.result.thenRun(() -> pool.execute(o.ticket::close));
                }
            }, pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && busy()) {
            all.forEach(o -> {
                if (o.result.isDone()) {
                    o.ticket.close();
                }
            });
            Thread.sleep(20);
        }
        pool.shutdownNow();
        assertThat(busy()).as("in flight / queued left behind").isFalse();
        // the next `limit` requests are all admitted at once
        assertThat(admit(FREE_KEY, Protocol.OPENAI, null, 30_000).now()).isEqualTo("primary");
        assertThat(admit(FREE_KEY, Protocol.OPENAI, null, 30_000).now()).isEqualTo("primary");
    }

    private boolean busy() {
        for (LimiterStats s : limiters.all()) {
            if (s.getInFlight() != 0 || s.getQueued() != 0) {
                return true;
            }
        }
        LimiterStats keys = limiters.keyLevel();
        return keys.getInFlight() != 0 || keys.getQueued() != 0;
    }
}
