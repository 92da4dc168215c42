package io.promptgate.store;

import io.promptgate.core.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteException;

/**
 * Writes and reads {@code request_records}.
 *
 * <p>Batches go in one transaction; a batch that meets a busy database ({@code SQLITE_BUSY}
 * beyond the busy timeout on SQLite; a deadlock or serialization failure on PostgreSQL, e.g. two
 * nodes touching the same keys) is retried a few times with backoff. The SQL is the same on both. A record whose request id is
 * already stored is skipped, so re-delivering a batch is harmless.
 */
public final class RequestRecordStore {
    private static final Logger LOG = Logger.getLogger(RequestRecordStore.class.getName());

    private static final String COLUMNS = "request_id, time, user_id, username, key_prefix, host, path, route, provider, model,"
            + " status, input_tokens, output_tokens, latency_ms, ttfb_ms, queue_ms, stream, fallback, error, client_ip";
    // ON CONFLICT ... DO NOTHING: same spelling in SQLite (3.24+) and PostgreSQL
    private static final String INSERT = "INSERT INTO request_records (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (request_id) DO NOTHING";
    private static final String TOUCH_KEY = "UPDATE api_keys SET last_used_at = ?"
            + " WHERE user_id = ? AND prefix = ? AND (last_used_at IS NULL OR last_used_at < ?)";
    // by request id (unique, portable), never a whole-table delete in one transaction
    private static final String PURGE_BATCH = "DELETE FROM request_records WHERE request_id IN"
            + " (SELECT request_id FROM request_records WHERE time < ? ORDER BY time LIMIT ?)";
    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM request_records WHERE request_id = ?";

    static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MS = 50;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final DataSource dataSource;

    public RequestRecordStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Inserts {@code records} in one transaction, all or nothing.
     *
     * @return how many rows were inserted (records whose request id was already stored are skipped)
     */
    public int insertBatch(List<RequestRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        // the hot write path: plain JDBC batches, deliberately not Hibernate
        for (int attempt = 1; ; attempt++) {
            try {
                return insertOnce(records);
            } catch (SQLException e) {
                if (!isBusy(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                int tried = attempt;
                LOG.fine(() -> "Database busy writing " + records.size() + " request records, retry " + tried);
                sleep(FIRST_BACKOFF_MS << (attempt - 1));
            }
        }
    }

    /**
     * Deletes the records older than {@code cutoff}, {@code batchSize} rows per short transaction,
     * pausing between batches so that the record writer, which needs the same write lock, gets it
     * between them. A busy database is retried like an insert.
     *
     * @return how many records were deleted
     */
    public long purgeOlderThan(Instant cutoff, int batchSize, java.time.Duration pause) throws SQLException {
        long deleted = 0;
        while (true) {
            int n = purgeBatch(cutoff, batchSize);
            deleted += n;
            if (n < batchSize) {
                return deleted;
            }
            sleep(pause.toMillis());
        }
    }

    private int purgeBatch(Instant cutoff, int batchSize) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement delete = connection.prepareStatement(PURGE_BATCH)) {
                delete.setLong(1, cutoff.toEpochMilli());
                delete.setInt(2, batchSize);
                return delete.executeUpdate();
            } catch (SQLException e) {
                if (!isBusy(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                sleep(FIRST_BACKOFF_MS << (attempt - 1));
            }
        }
    }

    public long count() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM request_records");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public Optional<RequestRecord> findByRequestId(String requestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_BY_ID)) {
            select.setString(1, requestId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private int insertOnce(List<RequestRecord> records) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (RequestRecord r : records) {
                    bind(insert, r);
                    insert.addBatch();
                }
                int inserted = countInserted(insert.executeBatch(), records.size());
                touchKeys(connection, records);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Moves each used key's {@code last_used_at} forward to its latest request in the batch, in
     * a fixed key order so that concurrent writers (several nodes) lock rows in the same order.
     */
    private static void touchKeys(Connection connection, List<RequestRecord> records) throws SQLException {
        Map<String, RequestRecord> latestByKey = new TreeMap<>();
        for (RequestRecord r : records) {
            if (r.userId() != null && r.keyPrefix() != null) {
                latestByKey.merge(r.userId() + "/" + r.keyPrefix(), r,
                        (a, b) -> a.time().isAfter(b.time()) ? a : b);
            }
        }
        if (latestByKey.isEmpty()) {
            return;
        }
        try (PreparedStatement touch = connection.prepareStatement(TOUCH_KEY)) {
            for (RequestRecord r : latestByKey.values()) {
                long at = r.time().toEpochMilli();
                touch.setLong(1, at);
                touch.setLong(2, r.userId());
                touch.setString(3, r.keyPrefix());
                touch.setLong(4, at);
                touch.addBatch();
            }
            touch.executeBatch();
        }
    }

    private static void bind(PreparedStatement insert, RequestRecord r) throws SQLException {
        insert.setString(1, r.requestId());
        insert.setLong(2, r.time().toEpochMilli());
        setLong(insert, 3, r.userId());
        insert.setString(4, r.username());
        insert.setString(5, r.keyPrefix());
        insert.setString(6, r.host());
        insert.setString(7, r.path());
        insert.setString(8, r.route());
        insert.setString(9, r.provider());
        insert.setString(10, r.model());
        insert.setInt(11, r.status());
        insert.setLong(12, r.inputTokens());
        insert.setLong(13, r.outputTokens());
        insert.setLong(14, r.latencyMs());
        setLong(insert, 15, r.ttfbMs());
        insert.setLong(16, r.queueMs());
        insert.setBoolean(17, r.stream());
        insert.setBoolean(18, r.fallback());
        insert.setString(19, r.error());
        insert.setString(20, r.clientIp());
    }

    private static RequestRecord read(ResultSet row) throws SQLException {
        return new RequestRecord(
                row.getString("request_id"),
                Instant.ofEpochMilli(row.getLong("time")),
                getLong(row, "user_id"),
                row.getString("username"),
                row.getString("key_prefix"),
                row.getString("host"),
                row.getString("path"),
                row.getString("route"),
                row.getString("provider"),
                row.getString("model"),
                row.getInt("status"),
                row.getLong("input_tokens"),
                row.getLong("output_tokens"),
                row.getLong("latency_ms"),
                getLong(row, "ttfb_ms"),
                row.getLong("queue_ms"),
                row.getBoolean("stream"),
                row.getBoolean("fallback"),
                row.getString("error"),
                row.getString("client_ip"));
    }

    /** Rows reported by a batch; drivers that cannot tell ({@code SUCCESS_NO_INFO}) count as one each. */
    private static int countInserted(int[] results, int submitted) {
        int inserted = 0;
        for (int result : results) {
            inserted += result == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(result, 0);
        }
        return Math.min(inserted, submitted);
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /**
     * SQLITE_BUSY / SQLITE_LOCKED, including extended codes (the primary code is the low byte);
     * SQLSTATE 40001 / 40P01 (serialization failure, deadlock) on PostgreSQL.
     */
    static boolean isBusy(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getErrorCode() & 0xff;
                if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a busy database", e);
        }
    }
}
