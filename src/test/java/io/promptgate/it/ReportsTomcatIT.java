package io.promptgate.it;

import static io.promptgate.it.AdminApiTomcatIT.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FakeDingTalk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DingTalk report and retention settings through the admin API of the shared Tomcat 11:
 * secrets written, never read back; "send a test report now" reaching a fake DingTalk robot,
 * signed, retried after a server error; administrators only.
 */
@ExtendWith(TomcatExtension.class)
class ReportsTomcatIT {
    static final String SECRET = "SECit-report-secret-5c1e";
    static TomcatContainer tomcat;
    static FakeDingTalk dingTalk;
    static ApiClient admin;
    static final List<String> transcript = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp(TomcatContainer shared) {
        tomcat = shared;
        dingTalk = new FakeDingTalk(SECRET);
        admin = new ApiClient(tomcat.baseUrl(), transcript).origin(null)
                .basic("admin", tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD));
        assertThat(admin.patch("/api/settings", map("allowPrivateUpstreams", true)).status()).isEqualTo(200);
    }

    @AfterAll
    static void tearDown() {
        if (dingTalk != null) {
            dingTalk.close();
        }
    }

    @Test
    void theReportIsConfiguredAndATestReportIsSentSignedAndRetried() {
        ApiClient.Response updated = admin.patch("/api/reports/dingtalk", map("webhookUrl", dingTalk.webhookUrl(), "secret", SECRET,
                "cron", "0 9 * * *", "timeZone", "Asia/Shanghai", "language", "zh", "enabled", true, "excludedUsers", List.of("ci")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("secretSet").asBoolean()).isTrue();
        assertThat(updated.json().path("nextRun").isNull()).isFalse();
        ApiClient.Response read = admin.get("/api/reports/dingtalk");
        assertThat(read.json().path("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(read.json().path("nextRun").asText()).endsWith("+08:00").contains("T09:00");

        dingTalk.enqueue(500, "{}");
        ApiClient.Response sent = admin.post("/api/reports/dingtalk/test", null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().path("ok").asBoolean()).isTrue();
        assertThat(sent.json().path("attempts").asInt()).isEqualTo(2);
        assertThat(dingTalk.received()).hasSize(2).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        assertThat(dingTalk.received().get(1).text()).startsWith("#### PromptGate 每日用量报告").contains("请求数");

        ApiClient.Response audit = admin.get("/api/audit?action=report.dingtalk.test");
        assertThat(audit.json().path("items").get(0).path("detail").asText()).startsWith("delivered after 2 attempt(s)");

        admin.get("/api/audit?limit=200");
        admin.get("/api/settings");
        synchronized (transcript) {
            assertThat(transcript).allSatisfy(entry -> assertThat(entry).doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN));
        }
        assertThat(tomcat.logText()).doesNotContain(SECRET).doesNotContain(FakeDingTalk.TOKEN);
    }

    @Test
    void badSettingsAnswerInTheApiErrorShapeAndUsersAreRefused() {
        ApiClient.Response bad = admin.patch("/api/reports/dingtalk", map("cron", "every morning"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isNotBlank();
        assertThat(bad.body()).contains("cron:");

        assertThat(admin.post("/api/users", map("username", "report-user", "password", "report-user-password-1", "role", "user"))
                .status()).isIn(201, 409);
        ApiClient user = new ApiClient(tomcat.baseUrl(), transcript).origin(null).basic("report-user", "report-user-password-1");
        assertThat(user.get("/api/reports/dingtalk").status()).isEqualTo(403);
        assertThat(user.post("/api/reports/dingtalk/test", null).status()).isEqualTo(403);
    }

    @Test
    void recordRetentionIsASetting() {
        ApiClient.Response set = admin.patch("/api/settings", map("recordRetentionDays", 90));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("recordRetentionDays").asInt()).isEqualTo(90);
        assertThat(admin.patch("/api/settings", map("recordRetentionDays", -1)).status()).isEqualTo(400);
        assertThat(admin.patch("/api/settings", map("recordRetentionDays", 0)).json().path("recordRetentionDays").asInt()).isZero();
    }
}
