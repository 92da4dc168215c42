package io.promptgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.RequestRecord;
import io.promptgate.ops.CronSchedule;
import io.promptgate.ops.DingTalkWebhook;
import io.promptgate.security.MasterKey;
import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.service.AuditTrail;
import io.promptgate.service.Caller;
import io.promptgate.service.ConflictException;
import io.promptgate.service.InvalidInputException;
import io.promptgate.service.Services;
import io.promptgate.service.SnapshotService;
import io.promptgate.store.Database;
import io.promptgate.store.JobClaims;
import io.promptgate.store.RequestRecordStore;
import io.promptgate.testing.FakeDingTalk;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DingTalk report end to end: settings over a real SQLite database, records, a fake DingTalk robot. */
class DingTalkReportTest {
    static final Caller ADMIN = new Caller(1, "admin", true);
    static final String SECRET = "SECreport-secret-0123456789";

    @TempDir
    Path home;
    Database database;
    Services services;
    DingTalkSettingsService settings;
    DingTalkReporter reporter;
    FakeDingTalk dingTalk;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(home);
        SecretBox secrets = new SecretBox(MasterKey.generate());
        SnapshotService snapshots = new SnapshotService(database.sessionFactory(), secrets);
        snapshots.reload();
        services = Services.create(database.sessionFactory(), database.dataSource(), secrets, new PasswordHasher(), snapshots, home);
        services.settings().update(ADMIN, Map.of("allowPrivateUpstreams", true));
        settings = new DingTalkSettingsService(database.sessionFactory(), secrets, new io.promptgate.service.UpstreamUrlPolicy(),
                services.settings());
        reporter = new DingTalkReporter(settings, new UsageReports(services.analytics()),
                new DingTalkWebhook(Clock.systemUTC(), Duration.ofMillis(10)), services.audit(), Clock.systemUTC(),
                runAt -> true); // one node: every scheduled run is its own
        dingTalk = new FakeDingTalk(SECRET);

        Instant recent = Instant.now().minus(Duration.ofHours(2));
        List<RequestRecord> records = new ArrayList<>();
        records.add(record("r1", recent, "alice", "gpt-x", "chat", 200, false));
        records.add(record("r2", recent, "alice", "gpt-x", "chat", 200, true));
        records.add(record("r3", recent, "alice", "qwen", "code", 502, false));
        records.add(record("r4", recent, "bob", "qwen", "code", 200, false));
        records.add(record("r5", recent, "test-bot", "bot-model", "bots", 200, false));
        records.add(record("r6", Instant.now().minus(Duration.ofDays(3)), "alice", "gpt-x", "chat", 200, false));
        new RequestRecordStore(database.dataSource()).insertBatch(records);
    }

    @AfterEach
    void tearDown() {
        dingTalk.close();
        database.close();
    }

    static RequestRecord record(String id, Instant time, String user, String model, String route, int status, boolean fallback) {
        return new RequestRecord(id, time, 1L, user, "pg_abcd", "h", "/v1/chat/completions", route, "p", model, status, 100, 50,
                10, 5L, 0, false, fallback, status >= 400 ? "upstream_502" : null, "127.0.0.1");
    }

    Map<String, Object> configure(String language) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("enabled", true);
        changes.put("webhookUrl", dingTalk.webhookUrl());
        changes.put("secret", SECRET);
        changes.put("cron", "0 9 * * *");
        changes.put("timeZone", "Asia/Shanghai");
        changes.put("excludedUsers", List.of("test-bot"));
        changes.put("language", language);
        return settings.update(ADMIN, changes);
    }

    @Test
    void aSecondTestReportWhileOneIsBeingSentIsRefusedAtOnce() throws Exception {
        configure("en");
        Runnable answer = dingTalk.holdAnswers();
        CompletableFuture<DingTalkReporter.Result> first = CompletableFuture.supplyAsync(() -> reporter.sendTest(ADMIN));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dingTalk.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dingTalk.received()).hasSize(1);

        assertThatThrownBy(() -> reporter.sendTest(ADMIN)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("being sent");
        assertThat(first).isNotDone();

        answer.run();
        assertThat(first.get(30, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(reporter.sendTest(ADMIN).ok()).as("free again once the first has been sent").isTrue();
        assertThat(dingTalk.received()).hasSize(2);
    }

    @Test
    void settingsNeverShowOrStoreTheTokenOrTheSecretInClear() throws Exception {
        Map<String, Object> view = configure("en");
        assertThat(view).containsEntry("secretSet", true).containsEntry("webhookUrlSet", true).containsEntry("enabled", true)
                .containsEntry("excludedUsers", List.of("test-bot")).doesNotContainKeys("secret", "webhookUrl");
        assertThat(view.get("webhookUrlHint")).asString().endsWith("/robot/send?…7f3a").doesNotContain(FakeDingTalk.TOKEN);
        assertThat(view.toString()).doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN);
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rows = st.executeQuery("SELECT key || '=' || value FROM settings")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN);
            }
        }
        AuditTrail.AuditEvent change = services.audit().list(new AuditTrail.Filter(null, null, null, "report.settings.update"), 10, 0)
                .items().get(0);
        assertThat(change.detail()).contains("secret changed", "webhookUrl changed", "cron=0 9 * * *")
                .doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN);

        Map<String, Object> cleared = settings.update(ADMIN, Map.of("enabled", false, "secret", ""));
        assertThat(cleared).containsEntry("secretSet", false).containsEntry("webhookUrlSet", true);
    }

    @Test
    void badSettingsAreRefusedWithEveryProblemAndChangeNothing() {
        configure("en");
        assertThatThrownBy(() -> settings.update(ADMIN, Map.of("cron", "0 9 * *", "timeZone", "Mars/Olympus", "language", "fr",
                "colour", "red"))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).anySatisfy(
                        p -> assertThat(p).startsWith("timeZone:")).anySatisfy(p -> assertThat(p).startsWith("language:"))
                .anySatisfy(p -> assertThat(p).startsWith("colour: unknown setting")));
        assertThatThrownBy(() -> settings.update(ADMIN, Map.of("cron", "61 9 * * *")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("cron:"));
        assertThatThrownBy(() -> settings.update(ADMIN, Map.of("webhookUrl", "https://169.254.169.254/robot/send?access_token=x")))
                .isInstanceOf(InvalidInputException.class);
        services.settings().update(ADMIN, Map.of("allowPrivateUpstreams", false));
        assertThatThrownBy(() -> settings.update(ADMIN, Map.of("webhookUrl", dingTalk.webhookUrl())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().toString())
                        .contains("must be an https URL").doesNotContain(FakeDingTalk.TOKEN));
        assertThatThrownBy(() -> settings.update(new Caller(2, "alice", false), Map.of("enabled", false)))
                .hasMessageContaining("Administrators only");
        assertThat(settings.current().cron()).isEqualTo("0 9 * * *");
        assertThat(settings.current().language()).isEqualTo("en");
    }

    @Test
    void theTestReportArrivesSignedWithTheLastDaysUsageInEnglishAndInChinese() {
        configure("en");
        DingTalkReporter.Result sent = reporter.sendTest(ADMIN);
        assertThat(sent.ok()).as(sent.toString()).isTrue();
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(Duration.between(sent.from(), sent.to())).isEqualTo(Duration.ofHours(24));
        FakeDingTalk.Received english = dingTalk.received().get(0);
        assertThat(english.signatureValid()).isTrue();
        assertThat(english.title()).isEqualTo("PromptGate daily usage");
        assertThat(english.text())
                .startsWith("#### PromptGate daily usage\n\n**Period: ** ")
                .contains("(Asia/Shanghai)")
                .contains("- Requests: 4\n", "- Tokens in / out: 400 / 200\n", "- Errors: 1\n", "- Fallbacks: 1\n")
                .contains("**Top users**\n\n1. alice: 3 requests, 450 tokens\n2. bob: 1 requests, 150 tokens")
                .contains("**Top models**\n\n1. gpt-x: 2 requests, 300 tokens\n2. qwen: 2 requests, 300 tokens")
                .contains("**Top routes**\n\n1. chat: 2 requests")
                .doesNotContain("test-bot").doesNotContain("bot-model");

        settings.update(ADMIN, Map.of("language", "zh-CN"));
        assertThat(reporter.sendTest(ADMIN).ok()).isTrue();
        FakeDingTalk.Received chinese = dingTalk.received().get(1);
        assertThat(chinese.title()).isEqualTo("PromptGate 每日用量报告");
        assertThat(chinese.text()).contains("**统计周期：** ", "- 请求数：4\n", "- 输入 / 输出 Token：400 / 200\n", "- 错误数：1\n",
                "- 降级次数：1\n", "**用户排行**\n\n1. alice：3 次请求，450 Token", "**模型排行**", "**路由排行**")
                .doesNotContain("test-bot");
    }

    @Test
    void aFailedSendIsRetriedAndEverySendIsAudited() {
        configure("en");
        dingTalk.enqueue(500, "{}");
        DingTalkReporter.Result retried = reporter.sendTest(ADMIN);
        assertThat(retried.ok()).isTrue();
        assertThat(retried.attempts()).isEqualTo(2);
        dingTalk.enqueue(503, "").enqueue(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}").enqueue(500, "");
        DingTalkReporter.Result failed = reporter.sendTest(ADMIN);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("HTTP 500 from DingTalk");

        List<AuditTrail.AuditEvent> sends = services.audit().list(new AuditTrail.Filter(null, null, null, "report.dingtalk.test"),
                10, 0).items();
        assertThat(sends).hasSize(2);
        assertThat(sends.get(0).detail()).startsWith("failed: HTTP 500 from DingTalk after 3 attempt(s)");
        assertThat(sends.get(1).detail()).startsWith("delivered after 2 attempt(s)");
        assertThat(sends).allSatisfy(e -> assertThat(e.detail()).doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN));
        assertThat(sends.get(0).actor()).isEqualTo("admin");
    }

    @Test
    void theScheduleFollowsTheCronInItsZoneAndAReportCoversTheTimeSinceThePreviousRun() {
        assertThat(reporter.nextRun(ZonedDateTime.now())).as("off by default").isEmpty();
        configure("en");
        ZonedDateTime next = reporter.nextRun(ZonedDateTime.parse("2026-06-01T23:30:00Z")).orElseThrow();
        assertThat(next.toInstant()).hasToString("2026-06-02T01:00:00Z");
        assertThat(next.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        CronSchedule daily = CronSchedule.parse("0 9 * * *", "Asia/Shanghai");
        assertThat(DingTalkReporter.periodStart(daily, next).toInstant()).hasToString("2026-06-01T01:00:00Z");
        CronSchedule monthly = CronSchedule.parse("0 9 1 1 *", "UTC");
        ZonedDateTime end = ZonedDateTime.parse("2027-01-01T09:00:00Z");
        assertThat(DingTalkReporter.periodStart(monthly, end)).as("more than 31 days: the last day").isEqualTo(end.minusHours(24));
        settings.update(ADMIN, Map.of("enabled", false));
        assertThat(reporter.nextRun(ZonedDateTime.now())).isEmpty();
    }

    @Test
    void nodesSharingTheDatabaseSendEachScheduledReportOnce() {
        configure("en");
        Clock atNine = Clock.fixed(Instant.parse("2026-06-02T01:00:20Z"), ZoneId.of("UTC"));
        JobClaims claims = new JobClaims(database.dataSource());
        List<DingTalkReporter> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(new DingTalkReporter(settings, new UsageReports(services.analytics()),
                    new DingTalkWebhook(Clock.systemUTC(), Duration.ofMillis(10)), services.audit(), atNine,
                    runAt -> claims.claim("dingtalk-report", runAt)));
        }
        nodes.forEach(DingTalkReporter::runScheduled);
        assertThat(dingTalk.received()).hasSize(1);
        assertThat(services.audit().list(new AuditTrail.Filter(null, null, null, "report.dingtalk.send"), 10, 0).items())
                .hasSize(1);
    }

    @Test
    void noWebhookNoTestSend() {
        assertThatThrownBy(() -> reporter.sendTest(ADMIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("webhookUrl");
        assertThatThrownBy(() -> settings.update(ADMIN, Map.of("enabled", true))).hasMessageContaining("webhookUrl");
    }
}
