package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.testing.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API through the real filter chain (Shiro, then Jersey) in an unmodified Tomcat 11
 * running the packaged WAR: resources, the gateway seeing every change at once, and the
 * security rules of the admin API.
 */
class AdminApiTomcatIT {
    static final String CANARY = "sk-upstream-CANARY-admin-91c4e7d2";
    static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(15);

    static TomcatContainer tomcat;
    static FakeUpstream upstream;
    static String adminPassword;
    /** Every response body and header any client saw, for "no secret anywhere" checks. */
    static final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    static ApiClient admin;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.started();
        Map<String, String> env = SharedTomcat.defaultEnv();
        adminPassword = env.get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
        tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11).name("tomcat11-admin-api").env(env).start();
        admin = client();
        loginOk(admin, "admin", adminPassword, false);
        assertThat(admin.patch("/api/settings", Map.of("allowPrivateUpstreams", true)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static ApiClient client() {
        return new ApiClient(tomcat.baseUrl(), transcript);
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void unauthenticatedCallsGet401JsonAndHealthStaysOpen() throws Exception {
        ApiClient anonymous = client();
        for (String path : List.of("/api/auth/me", "/api/users", "/api/keys", "/api/logs", "/api/settings", "/api")) {
            ApiClient.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.errorCode()).as(path).isEqualTo("unauthenticated");
            assertThat(r.header("WWW-Authenticate")).isEmpty();
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(tomcat.uri("/healthz")).timeout(GATEWAY_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void loginSetsAHardenedSessionCookieAndMeAnswers() {
        ApiClient browser = client();
        ApiClient.Response wrong = browser.login("admin", "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("invalid_credentials");

        ApiClient.Response ok = loginOk(browser, "admin", adminPassword, false);
        assertThat(ok.json().path("username").asText()).isEqualTo("admin");
        assertThat(ok.json().path("role").asText()).isEqualTo("admin");
        String cookie = ok.setCookie("JSESSIONID").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure");
        // without "remember me" any old rememberMe cookie is cleared, none is set
        assertThat(ok.setCookie("promptgate_remember")).allSatisfy(c -> assertThat(c).startsWith("promptgate_remember=deleteMe;"));

        ApiClient.Response me = browser.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("role").asText()).isEqualTo("admin");
        assertThat(me.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void loginIssuesANewSessionIdEveryTimeSoAFixedIdIsWorthless() {
        ApiClient browser = client();
        loginOk(browser, "admin", adminPassword, false);
        String first = browser.cookie("JSESSIONID").orElseThrow().getValue();

        // the same browser (still holding the first id) logs in again: a new id, the old one is dead
        loginOk(browser, "admin", adminPassword, false);
        String second = browser.cookie("JSESSIONID").orElseThrow().getValue();
        assertThat(second).isNotEqualTo(first);

        ApiClient attacker = client();
        attacker.addCookie("JSESSIONID", first);
        assertThat(attacker.get("/api/auth/me").status()).isEqualTo(401);

        // an id chosen by an attacker is never adopted
        ApiClient victim = client();
        victim.addCookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF");
        loginOk(victim, "admin", adminPassword, false);
        assertThat(victim.cookie("JSESSIONID").orElseThrow().getValue()).isNotEqualTo("0123456789ABCDEF0123456789ABCDEF");
    }

    @Test
    void rememberMeKeepsTheUserLoggedInWithoutTheSessionAndLogoutIsPostOnly() {
        ApiClient browser = client();
        ApiClient.Response ok = loginOk(browser, "admin", adminPassword, true);
        String remember = ok.setCookie("promptgate_remember").orElseThrow();
        assertThat(remember).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Max-Age=");
        String value = browser.cookie("promptgate_remember").orElseThrow().getValue();

        ApiClient later = client(); // the browser restarted: no session cookie, only the rememberMe one
        later.addCookie("promptgate_remember", value);
        assertThat(later.get("/api/auth/me").status()).isEqualTo(200);

        assertThat(browser.get("/api/auth/logout").status()).isEqualTo(405);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        ApiClient.Response logout = browser.post("/api/auth/logout", null);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.setCookie("promptgate_remember")).hasValueSatisfying(c -> assertThat(c).contains("deleteMe"));
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);

        ApiClient forged = client();
        forged.addCookie("promptgate_remember", value.substring(0, value.length() - 6) + "AAAAAA");
        assertThat(forged.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void scriptsUseHttpBasicWithoutASession() {
        ApiClient script = client().origin(null).basic("admin", adminPassword);
        ApiClient.Response users = script.get("/api/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.setCookie("JSESSIONID")).isEmpty();
        ApiClient.Response created = script.post("/api/keys", Map.of("name", "script-key"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(script.delete("/api/keys/" + created.json().path("id").asLong()).status()).isEqualTo(204);

        ApiClient.Response wrong = client().basic("admin", "wrong-password").get("/api/users");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Logs in, waiting out the slow-down that failed logins of other tests (same client address)
     * may have left: a refused attempt ({@code 429 too_fast}) says how long to wait.
     */
    static ApiClient.Response loginOk(ApiClient client, String username, String password, boolean rememberMe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            ApiClient.Response r = client.login(username, password, rememberMe);
            if (r.status() == 429 && r.errorCode().equals("too_fast") && System.nanoTime() < deadline) {
                sleep(Long.parseLong(r.header("Retry-After").orElse("1")) * 1000);
                continue;
            }
            assertThat(r.status()).as("login of " + username + ": " + r).isEqualTo(200);
            return r;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static String sqlite(String sql, Object... parameters) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tomcat.dataDir().resolve("promptgate.db"));
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    HttpResponse<String> chat(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tomcat.baseUrl() + path)).timeout(GATEWAY_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"any\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws Exception {
        return ApiClient.JSON.readTree(text);
    }
}
