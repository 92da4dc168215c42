package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FakeDingTalk;
import io.promptgate.testing.FakeUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against the packaged WAR in a real Tomcat 11 (the
 * shared container), as an administrator and as a user: log in, set up a provider on a fake
 * upstream, a route and a key (copied from its dialog), set the record retention and the DingTalk
 * report (a test report to a fake robot), stream an answer in the playground, find the request in
 * the live action log, the record search and the dashboard, switch to Chinese, log out; a user
 * cannot open administrators' pages and sees only their own lines in the live log. Screenshots of
 * each page go to {@code target/console-screenshots/}.
 */
@ExtendWith(TomcatExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ConsoleTomcatIT {
    private static final String UPSTREAM_KEY = "sk-console-upstream-CANARY-4b1e";
    private static final String USER_PASSWORD = "carol-password-0123";
    private static final String DINGTALK_SECRET = "SEC-console-dingtalk-CANARY-91c0";
    private static final String ROUTE_PATH = "/console-it/v1/chat/completions";

    private static TomcatContainer tomcat;
    private static FakeUpstream upstream;
    private static ConsoleBrowser browser;
    private static String gatewayKey;
    /** The request id of the administrator's playground request. */
    private static String adminRequestId;

    @BeforeAll
    static void start() {
        tomcat = SharedTomcat.get(TomcatVersion.TOMCAT_11);
        upstream = FakeUpstream.started();
        browser = new ConsoleBrowser(tomcat.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /** A failing step leaves its screen and page source beside the screenshots. */
    @RegisterExtension
    static final TestWatcher FAILURE_SCREENS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.saveFailure(context.getRequiredTestMethod().getName());
            }
        }
    };

    private static String adminPassword() {
        return tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
    }

    private static void logIn(String username, String password) {
        logIn(username, password, false);
    }

    /**
     * Logs in through the login page. The login throttle slows down a client address after failed
     * logins (this test's and the other container tests' on the shared Tomcat, all from 127.0.0.1):
     * "Too many attempts" is waited out and tried again, as a person would.
     */
    private static void logIn(String username, String password, boolean rememberMe) {
        for (int attempt = 1; ; attempt++) {
            browser.open("/console/login.xhtml");
            browser.type("login:username", username);
            browser.type("login:password", password);
            if (rememberMe) {
                browser.find("[id='login:rememberMe'] .ui-chkbox-box").click();
            }
            browser.submit("login:submit");
            if (attempt >= 30 || !browser.pageText().contains("Too many attempts")) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(1)
    void strangersAndGatewayKeysAreSentToTheLoginPageWhichRefusesWithoutSayingWhy() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(tomcat.uri("/console/index.xhtml"))
                .header("Authorization", "Bearer " + GatewayFixture.ALICE_KEY).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withKey.statusCode()).isEqualTo(302);
        assertThat(withKey.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));

        HttpResponse<String> feedWithKey = http.send(HttpRequest.newBuilder(tomcat.uri("/api/logs/stream"))
                .header("Authorization", "Bearer " + GatewayFixture.ALICE_KEY).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feedWithKey.statusCode()).as("a gateway key never opens the live feed").isEqualTo(401);

        HttpResponse<String> root = http.send(HttpRequest.newBuilder(tomcat.uri("/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/index.xhtml"));

        browser.open("/");
        assertThat(browser.path()).isEqualTo("/console/login.xhtml");
        browser.screenshot("01-login");
        logIn("admin", "wrong-password");
        assertThat(browser.pageText()).contains("Wrong user name or password.");
        logIn("nobody-here", "wrong-password");
        assertThat(browser.pageText()).contains("Wrong user name or password.");
        browser.screenshot("02-login-refused");
    }

    @Test
    @Order(2)
    void anAdministratorSetsUpAProviderRouteAndKey() {
        // the fake upstream listens on 127.0.0.1: private upstreams must be allowed first (settings page)
        logIn("admin", adminPassword());
        assertThat(browser.path()).startsWith("/console/index.xhtml");
        browser.open("/console/admin/settings.xhtml");
        browser.script("PF('allowPrivateUpstreams').check();");
        browser.click("settingsForm:save");
        assertThat(browser.pageText()).contains("Saved.");
        browser.screenshot("03-settings");

        browser.open("/console/admin/providers.xhtml");
        browser.click("providersForm:add");
        browser.type("providerForm:name", "console-up");
        browser.type("providerForm:openaiBaseUrl", "ftp://not-an-upstream.example");
        browser.click("providerForm:save");
        String refusal = browser.until(d -> d.findElements(By.xpath("//input[@id='providerForm:openaiBaseUrl']"
                + "/following-sibling::div[contains(@class,'ui-message-error')]")).stream()
                .map(e -> e.getText()).filter(t -> !t.isBlank()).findFirst().orElse(null));
        assertThat(refusal).as("the service's refusal next to the field").isNotBlank();
        browser.screenshot("04-provider-refused");
        browser.type("providerForm:openaiBaseUrl", upstream.openaiBaseUrl());
        browser.type("providerForm:apiKeys", UPSTREAM_KEY);
        browser.type("providerForm:models", "console-model");
        browser.click("providerForm:save");
        assertThat(browser.pageText()).contains("console-up").contains("…4b1e").doesNotContain(UPSTREAM_KEY);
        browser.screenshot("05-providers");
        int row = rowOf("providersForm:providers", "console-up");
        browser.click("providersForm:providers:" + row + ":test");
        browser.until(d -> browser.pageText().contains("Connection test:") ? Boolean.TRUE : null);
        assertThat(browser.text("exits:0:exitOk")).isEqualTo("Yes");
        browser.screenshot("06-provider-test");

        browser.open("/console/admin/routes.xhtml");
        browser.click("routesForm:add");
        browser.type("routeForm:name", "console-chat");
        browser.type("routeForm:path", "/console-it/v1/chat/completions");
        browser.select("protocolMenu", "openai");
        browser.select("providerMenu", "console-up");
        browser.type("routeForm:model", "console-model");
        browser.click("routeForm:check");
        assertThat(browser.text("routeForm:previewMode")).isEqualTo("direct");
        browser.click("routeForm:save");
        int routeRow = rowOf("routesForm:routes", "console-chat");
        assertThat(browser.text("routesForm:routes:" + routeRow + ":matrix")).isEqualTo("Direct");
        browser.screenshot("07-routes");

        browser.open("/console/keys.xhtml");
        browser.allowClipboard();
        browser.type("createForm:name", "console-laptop");
        browser.click("createForm:create");
        browser.until(d -> browser.byId("createdKeyDialog").isDisplayed() ? Boolean.TRUE : null);
        String shown = browser.byId("createdKeyForm:createdKey").getAttribute("value");
        assertThat(shown).startsWith("pg_");
        browser.screenshot("08-key-created");
        browser.click("createdKeyForm:copy");
        gatewayKey = (String) browser.asyncScript(
                "var done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, function (e) { done('clipboard: ' + e); });");
        assertThat(gatewayKey).isEqualTo(shown);
        browser.script("PF('createdKeyDialog').hide();");
        browser.waitForAjax();
        assertThat(browser.pageText()).contains("console-laptop").doesNotContain(gatewayKey);
        browser.screenshot("09-keys");
    }

    @Test
    @Order(3)
    void settingsHoldTheRecordRetentionAndTheDingTalkReportWhoseSecretsNeverComeBack() throws Exception {
        ApiClient api = new ApiClient(tomcat.baseUrl(), new ArrayList<>()).origin(null).basic("admin", adminPassword());
        browser.open("/console/admin/settings.xhtml");
        browser.script("PF('recordRetentionDays').setValue(90);");
        browser.click("settingsForm:save");
        assertThat(browser.pageText()).contains("Saved.");
        assertThat(api.get("/api/settings").json().path("recordRetentionDays").asInt()).isEqualTo(90);
        browser.open("/console/admin/settings.xhtml");
        assertThat(browser.byId("settingsForm:recordRetentionDays_input").getAttribute("value")).isEqualTo("90");

        try (FakeDingTalk dingTalk = new FakeDingTalk(DINGTALK_SECRET)) {
            // the services' refusals, next to their fields (the URL must be https, or http with private upstreams on)
            // (the shared container may hold another test's webhook: the refusal must leave it as it was)
            String stored = browser.text("dingTalkForm:webhookUrlState");
            browser.type("dingTalkForm:webhookUrl", "ftp://robot.example/robot/send?access_token=x");
            browser.type("dingTalkForm:cron", "every morning");
            browser.click("dingTalkForm:save");
            assertThat(browser.text("dingTalkForm:webhookUrlMessage")).contains("https");
            assertThat(browser.text("dingTalkForm:cronMessage")).isNotBlank();
            assertThat(browser.text("dingTalkForm:webhookUrlState")).as("nothing saved").isEqualTo(stored);
            browser.screenshot("10-settings-dingtalk-refused");

            // private upstreams are on (the provider step): the fake robot's http://127.0.0.1 URL is accepted
            browser.type("dingTalkForm:webhookUrl", dingTalk.webhookUrl());
            browser.type("dingTalkForm:secret", DINGTALK_SECRET);
            browser.type("dingTalkForm:cron", "0 9 * * *");
            browser.type("dingTalkForm:timeZone", "Asia/Shanghai");
            browser.type("dingTalkForm:excludedUsers", "nobody-here, monitor");
            browser.select("dingTalkLanguage", "zh");
            browser.script("PF('dingTalkEnabled').check();");
            browser.click("dingTalkForm:save");
            assertThat(browser.pageText()).contains("Saved.");
            assertThat(browser.text("dingTalkForm:webhookUrlState")).startsWith("Set:").endsWith("/robot/send?\u20267f3a");
            assertThat(browser.text("dingTalkForm:secretState")).isEqualTo("Set");
            assertThat(browser.text("dingTalkForm:nextRun")).matches("\\d{4}-\\d{2}-\\d{2} 09:00 Asia/Shanghai");
            assertThat(browser.byId("dingTalkForm:excludedUsers").getAttribute("value")).isEqualTo("nobody-here, monitor");
            assertThat(browser.byId("dingTalkForm:webhookUrl").getAttribute("value")).isEmpty();
            assertThat(browser.byId("dingTalkForm:secret").getAttribute("value")).isEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(DINGTALK_SECRET).doesNotContain(FakeDingTalk.TOKEN);
            browser.screenshot("11-settings-dingtalk");

            browser.click("dingTalkForm:test");
            assertThat(browser.text("dingTalkForm:testOutcomeText")).startsWith("Test report delivered after 1 attempt(s).");
            assertThat(dingTalk.received()).hasSize(1);
            FakeDingTalk.Received report = dingTalk.received().get(0);
            assertThat(report.signatureValid()).as("signed with the secret").isTrue();
            assertThat(report.query()).containsEntry("access_token", FakeDingTalk.TOKEN);
            assertThat(report.text()).contains("PromptGate");
            browser.script("document.getElementById('dingTalkForm:testOutcome').scrollIntoView({block: 'center'});");
            browser.screenshot("12-settings-dingtalk-test");

            // saving again with the write-only fields empty keeps the stored URL and secret
            browser.type("dingTalkForm:cron", "30 8 * * 1");
            browser.click("dingTalkForm:save");
            assertThat(browser.pageText()).contains("Saved.");
            assertThat(browser.text("dingTalkForm:nextRun")).matches("\\d{4}-\\d{2}-\\d{2} 08:30 Asia/Shanghai");
            browser.open("/console/admin/settings.xhtml");
            assertThat(browser.text("dingTalkForm:secretState")).isEqualTo("Set");
            browser.click("dingTalkForm:test");
            assertThat(browser.text("dingTalkForm:testOutcomeText")).startsWith("Test report delivered");
            assertThat(dingTalk.received()).hasSize(2).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThat(browser.driver().getPageSource()).doesNotContain(DINGTALK_SECRET).doesNotContain(FakeDingTalk.TOKEN);

            // off again: the shared container must not post reports on a schedule to a robot that is gone
            browser.script("PF('dingTalkEnabled').uncheck();");
            browser.click("dingTalkForm:save");
            assertThat(browser.text("dingTalkForm:nextRun")).isEqualTo("Not scheduled (off, or no webhook URL)");
            assertThat(api.get("/api/reports/dingtalk").json().path("enabled").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(4)
    void thePlaygroundStreamsAnAnswerThatTheLogsAndDashboardShow() throws Exception {
        browser.open("/console/playground.xhtml");
        browser.select("routeMenu", "console-chat");
        assertThat(browser.pageText()).contains("/console-it/v1/chat/completions").contains("PROMPTGATE_API_KEY")
                .contains("console-model");
        browser.type("pgKey", gatewayKey);
        browser.type("pgPrompt", "hello from the console");
        browser.byId("pgSend").click();
        browser.until(d -> "true".equals(browser.byId("pgStatus").getAttribute("data-done")) ? Boolean.TRUE : null);
        assertThat(browser.text("pgStatus")).isEqualTo("HTTP 200");
        assertThat(browser.text("pgOutput")).isEqualTo("[console-model] hello from the console");
        assertThat(upstream.lastRequest().headers().toString()).contains(UPSTREAM_KEY);
        adminRequestId = browser.byId("pgStatus").getAttribute("data-request-id");
        assertThat(adminRequestId).as("the gateway's x-request-id").isNotBlank();
        browser.screenshot("13-playground");

        browser.until(d -> {
            browser.open("/console/logs.xhtml");
            return browser.pageText().contains("console-chat") ? Boolean.TRUE : null;
        });
        assertThat(browser.pageText()).contains("console-model").contains("200");

        // the live feed, opened with the console's session: the recent history holds the playground's request
        String playgroundLine = liveLine("requestId=" + adminRequestId);
        assertThat(browser.byId("liveBox").getAttribute("data-state")).isEqualTo("open");
        assertThat(playgroundLine).contains("request done", "user=admin", "route=console-chat", "provider=console-up",
                "model=console-model", "status=200").doesNotContain(gatewayKey);
        // newest first: a request made now comes on top, live
        String second = gatewayRequest(gatewayKey);
        liveLine("requestId=" + second);
        browser.until(d -> liveLines().get(0).contains("requestId=" + second) ? Boolean.TRUE : null);
        assertThat(indexOfLine("requestId=" + adminRequestId)).isGreaterThan(indexOfLine("requestId=" + second));
        // the filter hides the other lines
        browser.type("liveFilter", adminRequestId);
        browser.until(d -> liveLines().size() == 1 ? Boolean.TRUE : null);
        assertThat(liveLines().get(0)).contains("requestId=" + adminRequestId);
        browser.screenshot("14-logs-filtered");
        browser.script("var f = document.getElementById('liveFilter'); f.value = ''; f.dispatchEvent(new Event('input'));");
        browser.until(d -> liveLines().size() > 1 ? Boolean.TRUE : null);
        // pause holds new lines back (counted) until resume
        browser.byId("livePause").click();
        assertThat(browser.text("livePause")).isEqualTo("Resume");
        String third = gatewayRequest(gatewayKey);
        browser.until(d -> Integer.parseInt(browser.byId("liveHeld").getAttribute("data-count")) >= 1 ? Boolean.TRUE : null);
        assertThat(browser.text("liveHeld")).endsWith("new while paused");
        assertThat(browser.text("liveBox")).doesNotContain(third);
        browser.screenshot("15-logs-paused");
        browser.byId("livePause").click();
        liveLine("requestId=" + third);
        assertThat(liveLines().get(0)).contains("requestId=" + third);
        assertThat(browser.text("liveHeld")).isEmpty();
        browser.screenshot("16-logs");

        browser.open("/console/index.xhtml");
        assertThat(Long.parseLong(browser.text("cardRequests"))).isGreaterThanOrEqualTo(1);
        assertThat(browser.pageText()).contains("console-chat").contains("console-up");
        browser.screenshot("17-dashboard");

        // the global time range: kept in the session, followed by every page
        browser.select("rangeMenu", "TODAY");
        browser.until(d -> browser.byId("topbar:range_label").getText().equals("Today") ? Boolean.TRUE : null);
        assertThat(Long.parseLong(browser.text("cardRequests"))).isGreaterThanOrEqualTo(1);
        browser.select("rangeMenu", "CUSTOM");
        browser.until(d -> d.findElements(By.id("topbar:applyRange")).isEmpty() ? null : Boolean.TRUE);
        browser.click("topbar:applyRange");
        assertThat(browser.text("window")).contains(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        browser.open("/console/logs.xhtml");
        assertThat(browser.byId("topbar:range_label").getText()).isEqualTo("Custom");
        browser.select("rangeMenu", "LAST_7_DAYS");
    }

    @Test
    @Order(5)
    void keysAreRenamedDisabledAndDeletedAfterAConfirmation() {
        browser.open("/console/keys.xhtml");
        int row = rowOf("keysForm:keys", "console-laptop");
        browser.click("keysForm:keys:" + row + ":rename");
        browser.until(d -> browser.byId("renameDialog").isDisplayed() ? Boolean.TRUE : null);
        browser.type("renameForm:name", "console-laptop-renamed");
        browser.click("renameForm:save");
        assertThat(browser.text("keysForm:keys:" + row + ":keyName")).isEqualTo("console-laptop-renamed");
        browser.click("keysForm:keys:" + row + ":toggle");
        assertThat(browser.byId("keysForm:keys_data").getText()).contains("Disabled");
        browser.click("keysForm:keys:" + row + ":toggle");
        assertThat(browser.byId("keysForm:keys_data").getText()).contains("Enabled");

        browser.click("keysForm:keys:" + row + ":delete");
        browser.until(d -> browser.byId("confirmYes").isDisplayed() ? Boolean.TRUE : null);
        browser.screenshot("18-key-delete-confirm");
        browser.click("confirmNo");
        assertThat(browser.byId("keysForm:keys_data").getText()).contains("console-laptop-renamed");
        browser.click("keysForm:keys:" + row + ":delete");
        browser.until(d -> browser.byId("confirmYes").isDisplayed() ? Boolean.TRUE : null);
        browser.click("confirmYes");
        browser.until(d -> browser.byId("keysForm:keys_data").getText().contains("console-laptop") ? null : Boolean.TRUE);
        assertThat(browser.pageText()).contains("Deleted.");
    }

    @Test
    @Order(6)
    void theConsoleSpeaksChineseAndLogsOutByPost() {
        browser.open("/console/index.xhtml");
        browser.select("languageMenu", "zh-CN");
        browser.until(d -> browser.pageText().contains("仪表盘") ? Boolean.TRUE : null);
        assertThat(browser.pageText()).contains("请求数").contains("API 密钥").doesNotContain("Dashboard");
        browser.screenshot("19-dashboard-zh");
        browser.open("/console/keys.xhtml");
        assertThat(browser.pageText()).contains("创建密钥");
        browser.screenshot("20-keys-zh");
        browser.select("languageMenu", "en");
        browser.until(d -> browser.pageText().contains("Dashboard") ? Boolean.TRUE : null);

        browser.byId("topbar:userMenu_button").click();
        browser.find("#topbar\\:logout"); // shown once the menu has opened
        browser.submit("topbar:logout"); // a whole-page POST, waited for until the login page replaces it
        assertThat(browser.path()).startsWith("/console/login.xhtml");
        browser.open("/console/keys.xhtml");
        assertThat(browser.path()).isEqualTo("/console/login.xhtml");
    }

    @Test
    @Order(7)
    void aUserSeesTheirOwnPagesButNotTheAdministratorsOnes() throws Exception {
        logIn("admin", adminPassword());
        browser.open("/console/admin/users.xhtml");
        browser.type("createForm:username", "carol");
        browser.type("createForm:password", USER_PASSWORD);
        browser.click("createForm:create");
        assertThat(browser.pageText()).contains("carol");
        browser.screenshot("21-users");
        browser.open("/console/admin/policies.xhtml");
        browser.click("policiesForm:add");
        browser.type("policyForm:name", "console-policy");
        browser.type("policyForm:text", "Answer briefly.");
        browser.click("policyForm:save");
        int policyRow = rowOf("policiesForm:policies", "console-policy");
        browser.click("policiesForm:policies:" + policyRow + ":preview");
        assertThat(browser.text("openAiPreview")).contains("\"role\" : \"system\"").contains("Answer briefly.");
        assertThat(browser.text("anthropicPreview")).contains("\"system\" : \"Answer briefly.\"");
        browser.screenshot("22-policies");
        browser.open("/console/admin/audit.xhtml");
        assertThat(browser.pageText()).contains("provider.create");
        browser.screenshot("23-audit");
        browser.byId("topbar:userMenu_button").click();
        browser.find("#topbar\\:logout"); // shown once the menu has opened
        browser.submit("topbar:logout"); // a whole-page POST, waited for until the login page replaces it

        logIn("carol", USER_PASSWORD, true);
        assertThat(browser.path()).startsWith("/console/index.xhtml");
        browser.driver().manage().deleteCookieNamed("JSESSIONID");
        browser.open("/console/index.xhtml");
        assertThat(browser.path()).as("kept logged in by the rememberMe cookie").startsWith("/console/index.xhtml");
        assertThat(browser.text("cardRequests")).as("a user sees only their own traffic").isEqualTo("0");
        assertThat(browser.driver().findElements(By.id("topbar:navProviders"))).isEmpty();
        for (String page : List.of("providers", "routes", "policies", "users", "settings", "audit")) {
            browser.open("/console/admin/" + page + ".xhtml");
            assertThat(browser.pageText()).as(page).contains("Administrators only");
        }
        browser.screenshot("24-user-forbidden");
        browser.open("/console/keys.xhtml");
        assertThat(browser.pageText()).doesNotContain("console-laptop");
        browser.type("createForm:name", "carol-laptop");
        browser.click("createForm:create");
        browser.until(d -> browser.byId("createdKeyDialog").isDisplayed() ? Boolean.TRUE : null);
        String carolKey = browser.byId("createdKeyForm:createdKey").getAttribute("value");
        browser.script("PF('createdKeyDialog').hide();");
        browser.waitForAjax();
        browser.screenshot("25-user-keys");

        // the live log: carol's own request lines, never the administrator's, nor key or login notices
        String carols = gatewayRequest(carolKey);
        browser.open("/console/logs.xhtml");
        assertThat(liveLine("requestId=" + carols)).contains("user=carol", "route=console-chat");
        assertThat(browser.byId("liveBox").getAttribute("data-state")).isEqualTo("open");
        assertThat(liveLines()).allSatisfy(line -> assertThat(line).contains("user=carol"));
        assertThat(browser.text("liveBox")).doesNotContain(adminRequestId).doesNotContain("user=admin")
                .doesNotContain("actor=");
        browser.screenshot("26-user-logs");
    }

    @Test
    @Order(8)
    void theConsoleRunsOnTomcat10WithItsOlderExpressionLanguage() {
        TomcatContainer tomcat10 = SharedTomcat.get(TomcatVersion.TOMCAT_10_1);
        try (ConsoleBrowser chromium = new ConsoleBrowser(tomcat10.baseUrl())) {
            chromium.open("/console/login.xhtml");
            chromium.type("login:username", "admin");
            chromium.type("login:password", tomcat10.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD));
            chromium.submit("login:submit");
            assertThat(chromium.path()).startsWith("/console/index.xhtml");
            assertThat(chromium.text("cardRequests")).matches("\\d+");
            chromium.open("/console/keys.xhtml");
            chromium.type("createForm:name", "tomcat10-key");
            chromium.click("createForm:create");
            chromium.until(d -> chromium.byId("createdKeyDialog").isDisplayed() ? Boolean.TRUE : null);
            assertThat(chromium.byId("createdKeyForm:createdKey").getAttribute("value")).startsWith("pg_");
            chromium.open("/console/admin/routes.xhtml");
            assertThat(chromium.pageText()).contains("Add route");
            chromium.open("/console/admin/settings.xhtml");
            assertThat(chromium.byId("settingsForm:globalConcurrency_input").getAttribute("value")).matches("\\d+");
            chromium.screenshot("27-tomcat10-settings");
        }
    }

    /** Sends a chat request through the gateway on the console's route with a key; returns its request id. */
    private static String gatewayRequest(String key) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tomcat.uri(ROUTE_PATH))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"console-model\",\"messages\":[{\"role\":\"user\",\"content\":\"live\"}]}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    /** The live feed's lines as shown, top (newest) first. */
    private static List<String> liveLines() {
        return browser.driver().findElements(By.cssSelector("#liveBox .pg-live-line")).stream().map(WebElement::getText)
                .toList();
    }

    /** Waits for the live feed to show a line containing {@code text}, and returns it. */
    private static String liveLine(String text) {
        return browser.until(d -> liveLines().stream().filter(l -> l.contains(text)).findFirst().orElse(null));
    }

    private static int indexOfLine(String text) {
        List<String> lines = liveLines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The row index of the data table row whose text contains {@code text}. */
    private static int rowOf(String tableId, String text) {
        return browser.until(d -> {
            var rows = d.findElements(By.cssSelector("[id='" + tableId + "_data'] > tr"));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).getText().contains(text)) {
                    return i;
                }
            }
            return null;
        });
    }
}
