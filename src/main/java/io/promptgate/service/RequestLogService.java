package io.promptgate.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The request records through the admin API, newest first, filtered and paged. A user sees only
 * their own records; an administrator everyone's. Records are read with plain JDBC, like they
 * are written.
 */
public final class RequestLogService {
    private static final String COLUMNS = "request_id, time, username, key_prefix, host, path, route, provider, model, status,"
            + " input_tokens, output_tokens, latency_ms, ttfb_ms, queue_ms, stream, fallback, error, client_ip";

    private final DataSource dataSource;
    private final KeyService keys;
    private final UserDirectory users;

    RequestLogService(DataSource dataSource, KeyService keys, UserDirectory users) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.users = Objects.requireNonNull(users, "users");
    }

    public Page<LogRecord> list(Caller caller, Filter filter, int limit, int offset) {
        Where where = where(caller, filter, keys, users);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM request_records" + where.sql())) {
                where.bind(count);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<LogRecord> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM request_records" + where.sql()
                    + " ORDER BY time DESC, id DESC LIMIT ? OFFSET ?")) {
                int next = where.bind(select);
                select.setInt(next, limit);
                select.setInt(next + 1, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new Page<>(items, total, limit, offset);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read request records", e);
        }
    }

    /**
     * The WHERE clause shared with analytics: the caller's scope first (a user: their own
     * records only), then the filters.
     */
    static Where where(Caller caller, Filter filter, KeyService keys, UserDirectory users) {
        Where w = new Where();
        if (!caller.admin()) {
            if (filter.user() != null && !filter.user().equals(caller.username())) {
                throw new NotPermittedException("Only administrators may read other users' records");
            }
            w.and("user_id = ?", caller.userId());
        } else if (filter.user() != null) {
            long id = users.byUsername(filter.user()).map(UserDirectory.Account::id).orElse(-1L);
            w.and("user_id = ?", id);
        }
        if (filter.keyId() != null) {
            KeyService.KeyView key = keys.get(caller, filter.keyId()); // not found unless the caller may see it
            long owner = users.byUsername(key.owner()).map(UserDirectory.Account::id).orElse(-1L);
            w.and("user_id = ?", owner);
            w.and("key_prefix = ?", key.prefix());
        }
        if (filter.from() != null) {
            w.and("time >= ?", filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            w.and("time < ?", filter.to().toEpochMilli());
        }
        if (filter.route() != null) {
            w.and("route = ?", filter.route());
        }
        if (filter.provider() != null) {
            w.and("provider = ?", filter.provider());
        }
        if (filter.model() != null) {
            w.and("model = ?", filter.model());
        }
        if (filter.status() != null) {
            status(w, filter.status());
        }
        return w;
    }

    /** {@code 200} (exact), {@code 2xx} / {@code 4xx} / {@code 5xx} (a class), or {@code error} (400 and above). */
    private static void status(Where w, String status) {
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (s.equals("error")) {
            w.and("status >= ?", 400);
        } else if (s.matches("[1-5]xx")) {
            int base = (s.charAt(0) - '0') * 100;
            w.and("status >= ?", base);
            w.and("status < ?", base + 100);
        } else if (s.matches("[1-5][0-9][0-9]")) {
            w.and("status = ?", Integer.parseInt(s));
        } else {
            throw new InvalidInputException("status: expected a status (200), a class (4xx) or 'error'");
        }
    }

    private static LogRecord read(ResultSet rs) throws SQLException {
        long ttfb = rs.getLong("ttfb_ms");
        Long ttfbMs = rs.wasNull() ? null : ttfb;
        return new LogRecord(rs.getString("request_id"), Instant.ofEpochMilli(rs.getLong("time")), rs.getString("username"),
                rs.getString("key_prefix"), rs.getString("host"), rs.getString("path"), rs.getString("route"),
                rs.getString("provider"), rs.getString("model"), rs.getInt("status"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("latency_ms"), ttfbMs, rs.getLong("queue_ms"), rs.getBoolean("stream"),
                rs.getBoolean("fallback"), rs.getString("error"), rs.getString("client_ip"));
    }

    /** What to filter by; {@code null} fields do not filter. {@code keyId} is a key's id as the keys API shows it. */
    public record Filter(Instant from, Instant to, String user, Long keyId, String route, String provider, String model,
                         String status) {
        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null);
        }
    }

    /** One request record; {@code keyPrefix} is the key's display prefix, never the key. */
    public record LogRecord(String requestId, Instant time, String user, String keyPrefix, String host, String path,
                            String route, String provider, String model, int status, long inputTokens, long outputTokens,
                            long latencyMs, Long ttfbMs, long queueMs, boolean stream, boolean fallback, String error,
                            String clientIp) {
    }

    /** A WHERE clause with its parameters, in order. */
    static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        void and(String condition, Object parameter) {
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
            parameters.add(parameter);
        }

        /** Leaves out rows whose {@code column} is one of {@code values} (rows without a value stay). */
        void andNotIn(String column, Collection<String> values) {
            if (values.isEmpty()) {
                return;
            }
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append("(").append(column).append(" IS NULL OR ").append(column)
                    .append(" NOT IN (").append(String.join(", ", Collections.nCopies(values.size(), "?"))).append("))");
            parameters.addAll(values);
        }

        String sql() {
            return sql.toString();
        }

        /** Binds the parameters from index 1; returns the next free index. */
        int bind(PreparedStatement statement) throws SQLException {
            int i = 1;
            for (Object p : parameters) {
                statement.setObject(i++, p);
            }
            return i;
        }
    }
}
