package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promptgate.core.RequestRecord;
import io.promptgate.testing.TestEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

@ParameterizedClass
@EnumSource(TestEngine.class)
class RequestRecordStoreTest {
    private static final Instant T0 = Instant.ofEpochMilli(1_780_000_000_000L);

    @Parameter
    TestEngine engine;
    @TempDir
    Path home;
    private TestEngine.TestDatabase opened;
    private Database db;
    private RequestRecordStore store;

    @BeforeEach
    void open() {
        opened = engine.open(home);
        db = opened.database();
        store = new RequestRecordStore(db.dataSource());
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void insertsAThousandRecordsInOneCall() throws Exception {
        List<RequestRecord> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(record("req_" + i, i));
        }

        assertThat(store.insertBatch(batch)).isEqualTo(1_000);

        assertThat(store.count()).isEqualTo(1_000);
        assertThat(store.findByRequestId("req_999")).contains(batch.get(999));
    }

    @Test
    void roundTripsEveryFieldIncludingNulls() throws Exception {
        RequestRecord full = record("req_full", 7);
        RequestRecord sparse = new RequestRecord("req_sparse", T0, null, null, null, "h", "/p", null, null, null,
                401, 0, 0, 3, null, 0, false, false, "invalid_api_key", null);

        store.insertBatch(List.of(full, sparse));

        assertThat(store.findByRequestId("req_full")).contains(full);
        assertThat(store.findByRequestId("req_sparse")).contains(sparse);
        assertThat(store.findByRequestId("missing")).isEmpty();
    }

    @Test
    void skipsRecordsAlreadyStored() throws Exception {
        store.insertBatch(List.of(record("a", 1), record("b", 2)));
        assertThat(store.insertBatch(List.of(record("b", 2), record("c", 3)))).isEqualTo(1);
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.insertBatch(List.of())).isZero();
    }

    @Test
    void aBatchIsAllOrNothing() throws Exception {
        List<RequestRecord> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(record("ok_" + i, i));
        }
        batch.add(5, record(null, 5)); // request_id NOT NULL: fails the whole transaction

        assertThatThrownBy(() -> store.insertBatch(batch)).isInstanceOf(SQLException.class);
        assertThat(store.count()).isZero();
    }

    @Test
    void waitsForAnotherWriterInsteadOfFailing() throws Exception {
        assumeTrue(engine == TestEngine.SQLITE, "SQLite's single-writer lock");
        try (Connection other = db.dataSource().getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.executeUpdate("INSERT INTO settings (key, value) VALUES ('lock', 'held')"); // takes the write lock
            CompletableFuture<Integer> insert = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.insertBatch(List.of(record("while-locked", 1)));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(insert).isNotDone();
            other.commit();
            assertThat(insert.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void recognisesBusyAndLockedErrors() {
        assertThat(RequestRecordStore.isBusy(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY))).isTrue();
        assertThat(RequestRecordStore.isBusy(new SQLiteException("snapshot", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT))).isTrue();
        assertThat(RequestRecordStore.isBusy(new SQLiteException("locked", SQLiteErrorCode.SQLITE_LOCKED))).isTrue();
        assertThat(RequestRecordStore.isBusy(new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT))).isFalse();
        assertThat(RequestRecordStore.isBusy(new SQLException("other", "x", 5))).isFalse();
        assertThat(RequestRecordStore.isBusy(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(RequestRecordStore.isBusy(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(RequestRecordStore.isBusy(new SQLException("unique violation", "23505"))).isFalse();
    }

    @Test
    void movesTheKeysLastUseForwardOnly() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, username, role, enabled, created_at, updated_at) VALUES (42, 'alice', 'user', TRUE, 0, 0)");
            s.executeUpdate("INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) VALUES (42, 'laptop', 'pg_alic', '"
                    + "0".repeat(64) + "', 0)");
        }
        store.insertBatch(List.of(record("req_a", 5), record("req_b", 9), record("req_c", 2)));
        assertThat(lastUsed()).isEqualTo(T0.plusMillis(9).toEpochMilli());

        store.insertBatch(List.of(record("req_old", 1)));
        assertThat(lastUsed()).as("an older record does not move it back").isEqualTo(T0.plusMillis(9).toEpochMilli());
    }

    private long lastUsed() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT last_used_at FROM api_keys WHERE prefix = 'pg_alic'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static RequestRecord record(String id, int i) {
        return new RequestRecord(id, T0.plusMillis(i), 42L, "alice", "pg_alic", "code.example.com", "/v1/messages",
                "ClaudeCode", "qwen-provider", "qwen3.6-plus", 200, 10 + i, 20 + i, 1234, 87L, 5, i % 2 == 0, i % 3 == 0,
                null, "10.0.0." + (i % 250));
    }

    // ------------------------------------------------------------------ retention purge

    private static final Instant PURGE_NOW = Instant.parse("2026-06-02T03:30:00Z");

    static RequestRecord recordAt(String id, Instant time) {
        return new RequestRecord(id, time, 1L, "alice", "pg_alic", "h", "/v1/messages", "r", "p", "m", 200, 1, 2, 3, 4L, 0,
                false, false, null, "127.0.0.1");
    }

    @Test
    void deletesOnlyRecordsOlderThanTheCutoffInBatches() throws Exception {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(recordAt("old_" + i, PURGE_NOW.minus(Duration.ofDays(40)).plusSeconds(i)));
        }
        for (int i = 0; i < 300; i++) {
            records.add(recordAt("new_" + i, PURGE_NOW.minus(Duration.ofDays(1)).plusSeconds(i)));
        }
        records.add(recordAt("edge", PURGE_NOW.minus(Duration.ofDays(30)))); // exactly at the cutoff: kept
        store.insertBatch(records);

        long deleted = store.purgeOlderThan(PURGE_NOW.minus(Duration.ofDays(30)), 1_000, Duration.ofMillis(1));

        assertThat(deleted).isEqualTo(2_500);
        assertThat(store.count()).isEqualTo(301);
        assertThat(store.findByRequestId("old_2499")).isEmpty();
        assertThat(store.findByRequestId("edge")).isPresent();
        assertThat(store.findByRequestId("new_0")).isPresent();
        assertThat(store.purgeOlderThan(PURGE_NOW.minus(Duration.ofDays(30)), 1_000, Duration.ofMillis(1))).isZero();
    }

    @Test
    void theRecordWriterIsNeverHeldUpForLongWhileAPurgeRuns() throws Exception {
        List<RequestRecord> old = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            old.add(recordAt("old_" + i, PURGE_NOW.minus(Duration.ofDays(90)).plusMillis(i)));
        }
        store.insertBatch(old);

        CompletableFuture<Long> purge = CompletableFuture.supplyAsync(() -> {
            try {
                return store.purgeOlderThan(PURGE_NOW.minus(Duration.ofDays(30)), 500, Duration.ofMillis(5));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long slowest = 0;
        int written = 0;
        while (!purge.isDone() || written < 20) {
            long start = System.nanoTime();
            store.insertBatch(List.of(recordAt("live_" + written, PURGE_NOW.plusMillis(written))));
            slowest = Math.max(slowest, System.nanoTime() - start);
            written++;
        }
        assertThat(purge.get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
        assertThat(store.count()).isEqualTo(written);
        assertThat(Duration.ofNanos(slowest)).as("slowest write during the purge").isLessThan(Duration.ofSeconds(1));
    }
}
