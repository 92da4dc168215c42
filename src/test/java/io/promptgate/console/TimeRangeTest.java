package io.promptgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Wednesday, 10:30 in Shanghai. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 6, 3, 10, 30, 0, 0, SHANGHAI);

    private static Instant at(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, SHANGHAI).toInstant();
    }

    private static TimeWindow window(TimeRange range, int dayStartHour) {
        return range.window(NOW, dayStartHour, DayOfWeek.MONDAY, null, null);
    }

    @Test
    void daysStartAtTheConfiguredHourInTheConfiguredZone() {
        assertThat(window(TimeRange.TODAY, 0)).isEqualTo(new TimeWindow(at(6, 3, 0), NOW.toInstant()));
        assertThat(window(TimeRange.TODAY, 6)).isEqualTo(new TimeWindow(at(6, 3, 6), NOW.toInstant()));
        assertThat(window(TimeRange.YESTERDAY, 6)).isEqualTo(new TimeWindow(at(6, 2, 6), at(6, 3, 6)));
    }

    @Test
    void beforeTheDayStartsItIsStillYesterday() {
        assertThat(window(TimeRange.TODAY, 12)).isEqualTo(new TimeWindow(at(6, 2, 12), NOW.toInstant()));
    }

    @Test
    void weeksMonthsAndRollingRanges() {
        assertThat(window(TimeRange.THIS_WEEK, 0).from()).isEqualTo(at(6, 1, 0));
        assertThat(TimeRange.THIS_WEEK.window(NOW, 0, DayOfWeek.SUNDAY, null, null).from()).isEqualTo(at(5, 31, 0));
        assertThat(window(TimeRange.THIS_MONTH, 0).from()).isEqualTo(at(6, 1, 0));
        assertThat(window(TimeRange.LAST_7_DAYS, 0).from()).isEqualTo(NOW.minusDays(7).toInstant());
        assertThat(window(TimeRange.LAST_30_DAYS, 0).from()).isEqualTo(NOW.minusDays(30).toInstant());
    }

    @Test
    void customRangesTakeWholeDaysInEitherOrder() {
        TimeWindow expected = new TimeWindow(at(5, 1, 0), at(5, 3, 0));
        assertThat(TimeRange.CUSTOM.window(NOW, 0, DayOfWeek.MONDAY, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2)))
                .isEqualTo(expected);
        assertThat(TimeRange.CUSTOM.window(NOW, 0, DayOfWeek.MONDAY, LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 1)))
                .isEqualTo(expected);
    }

    @Test
    void chartsUseHoursUpToTwoDaysAndDaysBeyond() {
        assertThat(TimeRange.bucketFor(window(TimeRange.TODAY, 0))).isEqualTo("hour");
        assertThat(TimeRange.bucketFor(window(TimeRange.LAST_7_DAYS, 0))).isEqualTo("day");
    }
}
