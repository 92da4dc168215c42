package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static ZonedDateTime utc(String text) {
        return ZonedDateTime.parse(text).withZoneSameInstant(ZoneId.of("UTC"));
    }

    @Test
    void dailyAtNineInShanghaiIsOneUtcEveryDayAllYear() {
        CronSchedule daily = CronSchedule.parse("0 9 * * *", "Asia/Shanghai");
        // 00:30 UTC = 08:30 in Shanghai: today at 09:00 local, 01:00 UTC
        assertThat(daily.nextAfter(utc("2026-06-01T00:30:00Z")).orElseThrow().toInstant())
                .hasToString("2026-06-01T01:00:00Z");
        // exactly at a run: the next one, a day later
        assertThat(daily.nextAfter(utc("2026-06-01T01:00:00Z")).orElseThrow().toInstant())
                .hasToString("2026-06-02T01:00:00Z");
        // no daylight saving in Shanghai: the same UTC hour in winter and across the European switch dates
        assertThat(daily.nextAfter(utc("2026-12-31T23:00:00Z")).orElseThrow().toInstant())
                .hasToString("2027-01-01T01:00:00Z");
        assertThat(daily.nextAfter(utc("2026-03-29T02:00:00Z")).orElseThrow().toInstant())
                .hasToString("2026-03-30T01:00:00Z");
        assertThat(daily.nextAfter(utc("2026-06-01T00:30:00Z")).orElseThrow().getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aZoneWithDaylightSavingKeepsTheLocalTime() {
        CronSchedule berlin = CronSchedule.parse("0 9 * * *", "Europe/Berlin");
        assertThat(berlin.nextAfter(utc("2026-03-28T12:00:00Z")).orElseThrow().toInstant())
                .as("the day clocks go forward: 09:00 CEST").hasToString("2026-03-29T07:00:00Z");
        assertThat(berlin.nextAfter(utc("2026-03-27T12:00:00Z")).orElseThrow().toInstant())
                .as("the day before: 09:00 CET").hasToString("2026-03-28T08:00:00Z");
    }

    @Test
    void weekdaysOnlyAndThePreviousRun() {
        CronSchedule weekdays = CronSchedule.parse("30 8 * * 1-5", "UTC");
        // Friday 2026-06-05 after 08:30: next is Monday 2026-06-08
        assertThat(weekdays.nextAfter(utc("2026-06-05T09:00:00Z")).orElseThrow().toInstant()).hasToString("2026-06-08T08:30:00Z");
        assertThat(weekdays.lastBefore(utc("2026-06-08T08:29:00Z")).orElseThrow().toInstant()).hasToString("2026-06-05T08:30:00Z");
    }

    @Test
    void badExpressionsAndZonesAreRefusedWithAReason() {
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *", "UTC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five-field cron");
        assertThatThrownBy(() -> CronSchedule.parse("every day", "UTC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSchedule.parse("0 0 9 * * ?", "UTC")).as("Quartz's six fields")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * * *", "Mars/Olympus")).hasMessageStartingWith("unknown time zone");
        assertThatThrownBy(() -> CronSchedule.parse(" ", "UTC")).hasMessageContaining("required");
    }
}
