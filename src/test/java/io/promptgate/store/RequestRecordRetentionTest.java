package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.RequestRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention purge on a real SQLite database: old records go in batches, new ones stay, the writer keeps writing. */
class RequestRecordRetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-02T03:30:00Z");

    @TempDir
    Path home;
    private Database db;
    private RequestRecordStore store;

    @BeforeEach
    void open() {
        db = Database.open(home);
        store = new RequestRecordStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    static RequestRecord record(String id, Instant time) {
        return new RequestRecord(id, time, 1L, "alice", "pg_alic", "h", "/v1/messages", "r", "p", "m", 200, 1, 2, 3, 4L, 0,
                false, false, null, "127.0.0.1");
    }

    @Test
    void deletesOnlyRecordsOlderThanTheCutoffInBatches() throws Exception {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(record("old_" + i, NOW.minus(Duration.ofDays(40)).plusSeconds(i)));
        }
        for (int i = 0; i < 300; i++) {
            records.add(record("new_" + i, NOW.minus(Duration.ofDays(1)).plusSeconds(i)));
        }
        records.add(record("edge", NOW.minus(Duration.ofDays(30)))); // exactly at the cutoff: kept
        store.insertBatch(records);

        long deleted = store.purgeOlderThan(NOW.minus(Duration.ofDays(30)), 1_000, Duration.ofMillis(1));

        assertThat(deleted).isEqualTo(2_500);
        assertThat(store.count()).isEqualTo(301);
        assertThat(store.findByRequestId("old_2499")).isEmpty();
        assertThat(store.findByRequestId("edge")).isPresent();
        assertThat(store.findByRequestId("new_0")).isPresent();
        assertThat(store.purgeOlderThan(NOW.minus(Duration.ofDays(30)), 1_000, Duration.ofMillis(1))).isZero();
    }

    @Test
    void theRecordWriterIsNeverHeldUpForLongWhileAPurgeRuns() throws Exception {
        List<RequestRecord> old = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            old.add(record("old_" + i, NOW.minus(Duration.ofDays(90)).plusMillis(i)));
        }
        store.insertBatch(old);

        CompletableFuture<Long> purge = CompletableFuture.supplyAsync(() -> {
            try {
                return store.purgeOlderThan(NOW.minus(Duration.ofDays(30)), 500, Duration.ofMillis(5));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long slowest = 0;
        int written = 0;
        while (!purge.isDone() || written < 20) {
            long start = System.nanoTime();
            store.insertBatch(List.of(record("live_" + written, NOW.plusMillis(written))));
            slowest = Math.max(slowest, System.nanoTime() - start);
            written++;
        }
        assertThat(purge.get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
        assertThat(store.count()).isEqualTo(written);
        assertThat(Duration.ofNanos(slowest)).as("slowest write during the purge").isLessThan(Duration.ofSeconds(1));
    }
}
