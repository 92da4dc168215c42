package io.promptgate.service;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the console and admin API, stored beside the gateway's in the {@code settings}
 * table (they are not part of the declarative document).
 *
 * @param loginMaxFailures      failed logins in a row, per user name, before it is locked (per client address: 4×)
 * @param loginLockSeconds      how long a lock lasts
 * @param allowPrivateUpstreams whether provider base URLs may point at loopback / private addresses
 * @param timeZone              the zone analytics buckets are cut in
 * @param dayStartHour          the hour (0-23) a day starts at, for daily and weekly analytics
 * @param weekStart             the day a week starts on
 * @param recordRetentionDays   request records older than this many days are purged daily; 0 keeps them forever
 */
public record AdminSettings(int loginMaxFailures, long loginLockSeconds, boolean allowPrivateUpstreams,
                            String timeZone, int dayStartHour, String weekStart, int recordRetentionDays) {
    public static final String LOGIN_MAX_FAILURES = "loginMaxFailures";
    public static final String LOGIN_LOCK_SECONDS = "loginLockSeconds";
    public static final String ALLOW_PRIVATE_UPSTREAMS = "allowPrivateUpstreams";
    public static final String TIME_ZONE = "timeZone";
    public static final String DAY_START_HOUR = "dayStartHour";
    public static final String WEEK_START = "weekStart";
    public static final String RECORD_RETENTION_DAYS = "recordRetentionDays";

    public static AdminSettings defaults() {
        return new AdminSettings(5, 900, false, ZoneId.systemDefault().getId(), 0, "monday", 0);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public DayOfWeek firstDayOfWeek() {
        return DayOfWeek.valueOf(weekStart.toUpperCase(Locale.ROOT));
    }

    /** The settings stored in {@code rows}; a missing or unreadable row gives the default. */
    static AdminSettings fromRows(Map<String, String> rows) {
        AdminSettings d = defaults();
        return new AdminSettings(
                (int) read(rows, LOGIN_MAX_FAILURES, d.loginMaxFailures()),
                read(rows, LOGIN_LOCK_SECONDS, d.loginLockSeconds()),
                Boolean.parseBoolean(rows.getOrDefault(ALLOW_PRIVATE_UPSTREAMS, Boolean.toString(d.allowPrivateUpstreams()))),
                zoneProblem(rows.get(TIME_ZONE)).isEmpty() && rows.get(TIME_ZONE) != null ? rows.get(TIME_ZONE) : d.timeZone(),
                (int) read(rows, DAY_START_HOUR, d.dayStartHour()),
                weekProblem(rows.get(WEEK_START)).isEmpty() && rows.get(WEEK_START) != null
                        ? rows.get(WEEK_START).toLowerCase(Locale.ROOT) : d.weekStart(),
                (int) Math.max(0, read(rows, RECORD_RETENTION_DAYS, d.recordRetentionDays())));
    }

    Map<String, String> toRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(LOGIN_MAX_FAILURES, Integer.toString(loginMaxFailures));
        rows.put(LOGIN_LOCK_SECONDS, Long.toString(loginLockSeconds));
        rows.put(ALLOW_PRIVATE_UPSTREAMS, Boolean.toString(allowPrivateUpstreams));
        rows.put(TIME_ZONE, timeZone);
        rows.put(DAY_START_HOUR, Integer.toString(dayStartHour));
        rows.put(WEEK_START, weekStart);
        rows.put(RECORD_RETENTION_DAYS, Integer.toString(recordRetentionDays));
        return rows;
    }

    static Optional<String> zoneProblem(String zone) {
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("unknown time zone (expected a region id such as Europe/Berlin, or UTC)");
        }
    }

    static Optional<String> weekProblem(String day) {
        try {
            DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("must be a day of the week (monday ... sunday)");
        }
    }

    private static long read(Map<String, String> rows, String key, long fallback) {
        try {
            String value = rows.get(key);
            return value == null ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
