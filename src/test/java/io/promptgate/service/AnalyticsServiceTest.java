package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.RequestRecord;
import io.promptgate.store.RequestRecordStore;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class AnalyticsServiceTest {
    @Parameter
    TestEngine engine;

    static final Caller ADMIN = ServicesFixture.ADMIN;

    @TempDir
    Path home;
    ServicesFixture f;
    Caller alice;
    Caller bob;

    @BeforeEach
    void open() throws Exception {
        f = new ServicesFixture(home, engine);
        alice = f.createUser("alice", "user");
        bob = f.createUser("bob", "user");
        List<RequestRecord> records = new ArrayList<>();
        // alice: 10 requests on route a at 23:30 UTC of 2026-06-01 with latencies 10..100, one 500, one fallback
        for (int i = 1; i <= 10; i++) {
            records.add(record("a" + i, "2026-06-01T23:30:00Z", alice, "a", i == 10 ? 500 : 200, i * 10, i == 5));
        }
        // bob: 2 requests on route b the next morning
        records.add(record("b1", "2026-06-02T08:00:00Z", bob, "b", 200, 5, false));
        records.add(record("b2", "2026-06-02T08:10:00Z", bob, "b", 429, 7, false));
        new RequestRecordStore(f.store.database.dataSource()).insertBatch(records);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static RequestRecord record(String id, String time, Caller user, String route, int status, long latency, boolean fallback) {
        return new RequestRecord(id, Instant.parse(time), user.userId(), user.username(), "pg_abcd", "h", "/p", route, "prov",
                "model-" + route, status, 3, 4, latency, 1L, 0, false, fallback, status >= 400 ? "x" : null, "127.0.0.1");
    }

    AnalyticsService.Report report(Caller caller, String groupBy, String bucket) {
        return f.services.analytics().report(caller, new AnalyticsService.Query(Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-03T00:00:00Z"), groupBy, bucket, null, null, null, null, null));
    }

    @Test
    void totalsHoldCountsTokensErrorsPercentilesAndFallbackRate() {
        AnalyticsService.Metrics t = report(ADMIN, "none", "none").totals();
        assertThat(t.requests()).isEqualTo(12);
        assertThat(t.inputTokens()).isEqualTo(36);
        assertThat(t.outputTokens()).isEqualTo(48);
        assertThat(t.errors()).isEqualTo(2);
        assertThat(t.fallbackRate()).isEqualTo(1.0 / 12);
        AnalyticsService.Metrics a = report(ADMIN, "route", "none").groups().get(0).totals();
        assertThat(a.latencyP50Ms()).isEqualTo(50);
        assertThat(a.latencyP95Ms()).isEqualTo(100);
    }

    @Test
    void aUserSeesOnlyTheirOwnTraffic() {
        assertThat(report(bob, "route", "none").groups()).extracting(AnalyticsService.Group::key).containsExactly("b");
        assertThat(report(bob, "none", "none").totals().requests()).isEqualTo(2);
        assertThatThrownBy(() -> f.services.analytics().report(bob, new AnalyticsService.Query(null, null, null, null,
                "alice", null, null, null, null))).isInstanceOf(NotPermittedException.class);
        assertThat(f.services.logs().list(bob, RequestLogService.Filter.none(), 50, 0).items())
                .extracting(RequestLogService.LogRecord::user).containsOnly("bob");
        assertThat(f.services.logs().list(ADMIN, new RequestLogService.Filter(null, null, "alice", null, null, null, null, "5xx"),
                50, 0).total()).isEqualTo(1);
    }

    @Test
    void daysAndWeeksFollowTheTimeZoneDayStartAndWeekStart() {
        // UTC days: alice's requests on June 1st, bob's on June 2nd
        assertThat(report(ADMIN, "none", "day").series()).extracting(p -> p.start().toString(), p -> p.metrics().requests())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-06-01T00:00:00Z", 10L),
                        org.assertj.core.groups.Tuple.tuple("2026-06-02T00:00:00Z", 2L));
        // Shanghai (UTC+8), days from 04:00: 07:30 and 16:00 local on June 2nd are one day starting 2026-06-02T04:00+08
        f.services.settings().update(ADMIN, Map.of("timeZone", "Asia/Shanghai", "dayStartHour", 4));
        assertThat(report(ADMIN, "none", "day").series()).singleElement().satisfies(p -> {
            assertThat(p.start()).isEqualTo(Instant.parse("2026-06-01T20:00:00Z"));
            assertThat(p.metrics().requests()).isEqualTo(12);
        });
        AnalyticsService.Buckets weeks = new AnalyticsService.Buckets("week", ZoneId.of("UTC"), 0, DayOfWeek.SUNDAY);
        // 2026-06-02 is a Tuesday: its week started on Sunday, May 31st
        assertThat(weeks.start(Instant.parse("2026-06-02T08:00:00Z"))).isEqualTo(Instant.parse("2026-05-31T00:00:00Z"));
        AnalyticsService.Buckets early = new AnalyticsService.Buckets("day", ZoneId.of("UTC"), 6, DayOfWeek.MONDAY);
        assertThat(early.start(Instant.parse("2026-06-02T05:59:00Z"))).isEqualTo(Instant.parse("2026-06-01T06:00:00Z"));
        assertThatThrownBy(() -> report(ADMIN, "colour", "none")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> report(ADMIN, "none", "fortnight")).isInstanceOf(InvalidInputException.class);
    }
}
