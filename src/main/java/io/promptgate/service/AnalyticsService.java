package io.promptgate.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Totals and time series over the request records: requests, tokens in and out, errors
 * (status 400 and above), latency p50 / p95 and the fallback rate, optionally grouped by user,
 * route, provider or model and cut into hour, day or week buckets. Days start at the
 * {@code dayStartHour} setting, weeks on {@code weekStart}, both in {@code timeZone}. A user
 * sees only their own traffic.
 */
public final class AnalyticsService {
    static final Duration MAX_RANGE = Duration.ofDays(400);
    static final int MAX_BUCKETS = 10_000;
    /** The group of records without a value (e.g. requests that never authenticated). */
    public static final String NONE = "-";

    private final DataSource dataSource;
    private final SettingsService settings;
    private final KeyService keys;
    private final UserDirectory users;

    AnalyticsService(DataSource dataSource, SettingsService settings, KeyService keys, UserDirectory users) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.users = Objects.requireNonNull(users, "users");
    }

    public Report report(Caller caller, Query query) {
        return report(caller, query, List.of());
    }

    /** As {@link #report(Caller, Query)}, leaving out the traffic of {@code excludedUsers} (e.g. test accounts in a report). */
    public Report report(Caller caller, Query query, Collection<String> excludedUsers) {
        AdminSettings s = settings.admin();
        Buckets buckets = new Buckets(query.bucket(), s.zone(), s.dayStartHour(), s.firstDayOfWeek());
        Instant to = query.to() == null ? Instant.now() : query.to();
        Instant from = query.from() == null ? to.minus(Duration.ofDays(1)) : query.from();
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from: must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to: the range may span at most " + MAX_RANGE.toDays() + " days");
        }
        if (buckets.count(from, to) > MAX_BUCKETS) {
            throw new InvalidInputException("bucket: too many buckets for this range (at most " + MAX_BUCKETS + ")");
        }
        RequestLogService.Filter filter = new RequestLogService.Filter(from, to, query.user(), query.keyId(), query.route(),
                query.provider(), query.model(), null);
        RequestLogService.Where where = RequestLogService.where(caller, filter, keys, users);
        where.andNotIn("username", excludedUsers);
        Acc total = new Acc();
        Map<String, Acc> groups = new TreeMap<>();
        Map<Instant, Map<String, Acc>> series = new TreeMap<>();
        String groupColumn = groupColumn(query.groupBy());
        try (Connection c = dataSource.getConnection();
             ReadTransaction streaming = new ReadTransaction(c); // PostgreSQL honours the fetch size only in a transaction
             PreparedStatement select = c.prepareStatement("SELECT time, " + (groupColumn == null ? "NULL" : groupColumn)
                     + " AS grp, status, input_tokens, output_tokens, latency_ms, fallback FROM request_records"
                     + where.sql() + " ORDER BY time")) {
            where.bind(select);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant time = Instant.ofEpochMilli(rs.getLong(1));
                    String group = groupColumn == null ? null : Objects.requireNonNullElse(rs.getString(2), NONE);
                    int status = rs.getInt(3);
                    long in = rs.getLong(4);
                    long out = rs.getLong(5);
                    long latency = rs.getLong(6);
                    boolean fallback = rs.getBoolean(7);
                    total.add(status, in, out, latency, fallback);
                    if (group != null) {
                        groups.computeIfAbsent(group, g -> new Acc()).add(status, in, out, latency, fallback);
                    }
                    if (buckets.enabled()) {
                        series.computeIfAbsent(buckets.start(time), t -> new TreeMap<>())
                                .computeIfAbsent(group == null ? "" : group, g -> new Acc())
                                .add(status, in, out, latency, fallback);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read request records", e);
        }
        List<Group> groupList = new ArrayList<>();
        groups.forEach((key, acc) -> groupList.add(new Group(key, acc.metrics())));
        List<Point> points = new ArrayList<>();
        series.forEach((start, byGroup) -> byGroup.forEach((key, acc) ->
                points.add(new Point(start, key.isEmpty() && groupColumn == null ? null : key, acc.metrics()))));
        return new Report(from, to, s.timeZone(), s.dayStartHour(), s.weekStart(), query.groupBy(), query.bucket(),
                total.metrics(), groupList, points);
    }

    /**
     * Turns auto-commit off for one read (so that the driver streams rows in fetch-size batches
     * instead of reading the whole result first) and restores it, ending the transaction, on close.
     */
    private static final class ReadTransaction implements AutoCloseable {
        private final Connection connection;
        private final boolean autoCommit;

        ReadTransaction(Connection connection) throws SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback(); // nothing was written
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String groupColumn(String groupBy) {
        if (groupBy == null || groupBy.equals("none")) {
            return null;
        }
        return switch (groupBy) {
            case "user" -> "username";
            case "route" -> "route";
            case "provider" -> "provider";
            case "model" -> "model";
            default -> throw new InvalidInputException("groupBy: expected none, user, route, provider or model");
        };
    }

    /** Bucket boundaries in the configured zone: hours, days from {@code dayStartHour}, weeks from {@code weekStart}. */
    static final class Buckets {
        private final String unit;
        private final ZoneId zone;
        private final int dayStartHour;
        private final DayOfWeek weekStart;

        Buckets(String unit, ZoneId zone, int dayStartHour, DayOfWeek weekStart) {
            this.unit = unit == null ? "none" : unit.toLowerCase(Locale.ROOT);
            if (!List.of("none", "hour", "day", "week").contains(this.unit)) {
                throw new InvalidInputException("bucket: expected none, hour, day or week");
            }
            this.zone = zone;
            this.dayStartHour = dayStartHour;
            this.weekStart = weekStart;
        }

        boolean enabled() {
            return !unit.equals("none");
        }

        /** The start of the bucket holding {@code t}. */
        Instant start(Instant t) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            if (unit.equals("hour")) {
                return local.truncatedTo(ChronoUnit.HOURS).atZone(zone).toInstant();
            }
            LocalDate day = local.minusHours(dayStartHour).toLocalDate();
            if (unit.equals("week")) {
                day = day.with(TemporalAdjusters.previousOrSame(weekStart));
            }
            return day.atTime(dayStartHour, 0).atZone(zone).toInstant();
        }

        long count(Instant from, Instant to) {
            return switch (unit) {
                case "hour" -> Duration.between(from, to).toHours() + 2;
                case "day" -> Duration.between(from, to).toDays() + 2;
                case "week" -> Duration.between(from, to).toDays() / 7 + 2;
                default -> 1;
            };
        }
    }

    /** Running sums of one group or bucket; latencies kept to compute exact percentiles. */
    static final class Acc {
        private long requests;
        private long inputTokens;
        private long outputTokens;
        private long errors;
        private long fallbacks;
        private long[] latencies = new long[16];

        void add(int status, long in, long out, long latency, boolean fallback) {
            if (requests == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) requests] = latency;
            requests++;
            inputTokens += in;
            outputTokens += out;
            if (status >= 400) {
                errors++;
            }
            if (fallback) {
                fallbacks++;
            }
        }

        Metrics metrics() {
            long[] sorted = Arrays.copyOf(latencies, (int) requests);
            Arrays.sort(sorted);
            return new Metrics(requests, inputTokens, outputTokens, errors, percentile(sorted, 50), percentile(sorted, 95),
                    requests == 0 ? 0.0 : (double) fallbacks / requests);
        }

        /** Nearest-rank percentile; null when there is no value. */
        static Long percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return null;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    /** What to report on; {@code null} filters do not filter; {@code from} defaults to a day before {@code to} (now). */
    public record Query(Instant from, Instant to, String groupBy, String bucket, String user, Long keyId, String route,
                        String provider, String model) {
    }

    /** {@code fallbackRate}: share of requests served by the fallback provider (0..1). */
    public record Metrics(long requests, long inputTokens, long outputTokens, long errors, Long latencyP50Ms,
                          Long latencyP95Ms, double fallbackRate) {
    }

    public record Group(String key, Metrics totals) {
    }

    /** One bucket of the series; {@code group} is null when not grouped. */
    public record Point(Instant start, String group, Metrics metrics) {
    }

    public record Report(Instant from, Instant to, String timeZone, int dayStartHour, String weekStart, String groupBy,
                         String bucket, Metrics totals, List<Group> groups, List<Point> series) {
    }
}
