package io.promptgate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.RequestRecord;
import io.promptgate.ops.ActionEvent;
import io.promptgate.ops.ActionLog;
import io.promptgate.ops.LocalActionEventBus;
import io.promptgate.testing.FreshRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node A's action-log events reach node B's feed bus (numbered by B, not written to B's log), and never come back to A. */
class RedisActionEventsTest {
    @Test
    void eventsOfOneNodeReachTheOthersFeedOnly(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
        try (FreshRedis redis = FreshRedis.create();
             RedisLink a = RedisLink.open(new RedisSettings(redis.url(), redis.prefix(), Duration.ofSeconds(5)));
             RedisLink b = RedisLink.open(new RedisSettings(redis.url(), redis.prefix(), Duration.ofSeconds(5)))) {
            LocalActionEventBus busA = new LocalActionEventBus();
            LocalActionEventBus busB = new LocalActionEventBus();
            BlockingQueue<ActionEvent> seenByA = new LinkedBlockingQueue<>();
            BlockingQueue<ActionEvent> seenByB = new LinkedBlockingQueue<>();
            busA.subscribe(seenByA::add);
            busB.subscribe(seenByB::add);
            try (ActionLog logA = new ActionLog(dirA, ZoneOffset.UTC, () -> "en", busA);
                 ActionLog logB = new ActionLog(dirB, ZoneOffset.UTC, () -> "en", busB)) {
                RedisActionEvents eventsA = new RedisActionEvents(a, logA::relay);
                RedisActionEvents eventsB = new RedisActionEvents(b, logB::relay);
                logA.shareWith(eventsA::share);
                logB.shareWith(eventsB::share);
                Thread.sleep(300); // subscriptions are asynchronous

                logB.accept(List.of(record("req_b1"))); // B's own event: seq 1 on B
                ActionEvent own = seenByB.poll(2, TimeUnit.SECONDS);
                assertThat(own.line()).contains("requestId=req_b1");
                logA.accept(List.of(record("req_a1")));

                ActionEvent remote = seenByB.poll(2, TimeUnit.SECONDS);
                assertThat(remote).isNotNull();
                assertThat(remote.line()).contains("requestId=req_a1").contains("user=test");
                assertThat(remote.user()).isEqualTo("test");
                assertThat(remote.kind()).isEqualTo(ActionEvent.REQUEST);
                assertThat(remote.seq()).isEqualTo(2); // numbered in B's sequence, after B's own event
                assertThat(remote.visibleTo("test", false)).isTrue();

                // A's own event and B's (relayed through Redis, so it may arrive before or after A's own)
                List<String> linesOfA = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ActionEvent event = seenByA.poll(2, TimeUnit.SECONDS);
                    assertThat(event).as("event %d on A", i + 1).isNotNull();
                    linesOfA.add(event.line());
                }
                assertThat(linesOfA).anyMatch(line -> line.contains("requestId=req_a1"))
                        .anyMatch(line -> line.contains("requestId=req_b1")); // B's event reached A too
                assertThat(seenByA.poll(500, TimeUnit.MILLISECONDS)).isNull(); // A's own event never came back
                assertThat(seenByB.poll(200, TimeUnit.MILLISECONDS)).isNull();
            }
            assertThat(Files.readString(dirB.resolve("action.log"))).contains("req_b1").doesNotContain("req_a1");
        }
    }

    private static RequestRecord record(String id) {
        return new RequestRecord(id, Instant.parse("2026-06-02T13:20:01Z"), 1L, "test", "pg_abcd",
                "code.example.com", "/v1/messages", "ClaudeCode", "ProviderA", "qwen3.6-plus", 200,
                10, 20, 1234, 300L, 0, true, false, null, "127.0.0.1");
    }
}
