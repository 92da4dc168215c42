package io.promptgate.console;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The console's global time ranges. Days start at the configured hour and weeks on the configured
 * day, in the configured time zone (the analytics settings); every range ends now, except
 * yesterday and custom ones. Custom ranges take whole days, both ends included.
 */
public enum TimeRange {
    TODAY, YESTERDAY, THIS_WEEK, LAST_7_DAYS, THIS_MONTH, LAST_30_DAYS, CUSTOM;

    /** The bundle key of the range's label. */
    public String labelKey() {
        return "range." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public TimeWindow window(ZonedDateTime now, int dayStartHour, DayOfWeek weekStart, LocalDate customFrom, LocalDate customTo) {
        ZoneId zone = now.getZone();
        ZonedDateTime today = now.toLocalDate().atStartOfDay(zone).plusHours(dayStartHour);
        if (now.isBefore(today)) {
            today = today.minusDays(1);
        }
        return switch (this) {
            case TODAY -> new TimeWindow(today.toInstant(), now.toInstant());
            case YESTERDAY -> new TimeWindow(today.minusDays(1).toInstant(), today.toInstant());
            case THIS_WEEK -> new TimeWindow(today.with(TemporalAdjusters.previousOrSame(weekStart)).toInstant(), now.toInstant());
            case LAST_7_DAYS -> new TimeWindow(now.minusDays(7).toInstant(), now.toInstant());
            case THIS_MONTH -> new TimeWindow(today.withDayOfMonth(1).toInstant(), now.toInstant());
            case LAST_30_DAYS -> new TimeWindow(now.minusDays(30).toInstant(), now.toInstant());
            case CUSTOM -> custom(zone, dayStartHour, customFrom == null ? today.toLocalDate() : customFrom,
                    customTo == null ? today.toLocalDate() : customTo);
        };
    }

    private static TimeWindow custom(ZoneId zone, int dayStartHour, LocalDate from, LocalDate to) {
        LocalDate first = from.isAfter(to) ? to : from;
        LocalDate last = from.isAfter(to) ? from : to;
        return new TimeWindow(first.atStartOfDay(zone).plusHours(dayStartHour).toInstant(),
                last.plusDays(1).atStartOfDay(zone).plusHours(dayStartHour).toInstant());
    }

    /** The chart's bucket for a window: hours up to two days, days beyond. */
    public static String bucketFor(TimeWindow window) {
        return Duration.between(window.from(), window.to()).compareTo(Duration.ofDays(2)) <= 0 ? "hour" : "day";
    }
}
