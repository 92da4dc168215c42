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
}
