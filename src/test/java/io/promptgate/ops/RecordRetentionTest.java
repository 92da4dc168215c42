package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordRetentionTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void purgesRecordsOlderThanTheSettingAndNothingWhileItIsZero() {
        AtomicInteger days = new AtomicInteger(0);
        List<Instant> cutoffs = new ArrayList<>();
        RecordRetention retention = new RecordRetention(days::get, () -> "Asia/Shanghai", cutoff -> {
            cutoffs.add(cutoff);
            return 7;
        }, CLOCK);
        assertThat(retention.purgeNow()).isZero();
        assertThat(cutoffs).isEmpty();
        days.set(30);
        assertThat(retention.purgeNow()).isEqualTo(7);
        assertThat(cutoffs).containsExactly(Instant.parse("2026-05-03T10:00:00Z"));
    }

    @Test
    void runsDailyAtHalfPastThreeInTheConfiguredZoneAndSurvivesAFailingPurge() {
        RecordRetention retention = new RecordRetention(() -> 1, () -> "Asia/Shanghai", cutoff -> {
            throw new java.sql.SQLException("database is locked");
        }, CLOCK);
        assertThat(retention.nextRun(ZonedDateTime.parse("2026-06-02T10:00:00Z")).orElseThrow().toInstant())
                .hasToString("2026-06-02T19:30:00Z");
        assertThat(retention.purgeNow()).isZero();
    }
}
