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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admin API through the real filter chain (Shiro, then Jersey) in an unmodified Tomcat 11
 * running the packaged WAR: resources, the gateway seeing every change at once, and the
 * security rules of the admin API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiTomcatIT {
    static final String CANARY = "sk-upstream-CANARY-admin-91c4e7d2";
    static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(15);
    static final int LOCK_SECONDS = 5;

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
        // short locks: the many deliberate failures of this class, all from 127.0.0.1, must not lock it out for long
        assertThat(admin.patch("/api/settings", map("allowPrivateUpstreams", true, "loginLockSeconds", LOCK_SECONDS)).status())
                .isEqualTo(200);
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
        ok.setCookie("promptgate_remember").ifPresent(c -> assertThat(c).startsWith("promptgate_remember=deleteMe;"));

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
        String planted = "0123456789ABCDEF0123456789ABCDEF";
        ApiClient victim = client();
        victim.addCookie("JSESSIONID", planted);
        ApiClient.Response login = loginOk(victim, "admin", adminPassword, false);
        String issued = login.setCookie("JSESSIONID").orElseThrow();
        assertThat(issued).doesNotContain(planted);
        ApiClient withPlanted = client();
        withPlanted.addCookie("JSESSIONID", planted);
        assertThat(withPlanted.get("/api/auth/me").status()).isEqualTo(401);
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

    @Test
    void crossSiteStateChangesAreRefusedButTheOwnOriginPasses() {
        ApiClient browser = client();
        loginOk(browser, "admin", adminPassword, false);

        ApiClient.Response foreign = browser.origin("http://evil.example").post("/api/keys", Map.of("name", "csrf-1"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("cross_origin");

        ApiClient.Response sameHostOtherPort = browser.origin("http://127.0.0.1:1").post("/api/keys", Map.of("name", "csrf-2"));
        assertThat(sameHostOtherPort.status()).isEqualTo(403);

        ApiClient.Response none = browser.origin(null).post("/api/keys", Map.of("name", "csrf-3"));
        assertThat(none.status()).isEqualTo(403);

        ApiClient.Response foreignReferer = browser.origin(null).header("Referer", "https://evil.example/page")
                .delete("/api/users/nobody");
        assertThat(foreignReferer.status()).isEqualTo(403);

        ApiClient viaReferer = client().origin(null).header("Referer", tomcat.baseUrl() + "/console/keys");
        loginOk(viaReferer, "admin", adminPassword, false);
        ApiClient.Response refererOk = viaReferer.post("/api/keys", Map.of("name", "csrf-referer"));
        assertThat(refererOk.status()).isEqualTo(201);
        assertThat(viaReferer.delete("/api/keys/" + refererOk.json().path("id").asLong()).status()).isEqualTo(204);

        ApiClient.Response own = browser.origin(tomcat.baseUrl()).post("/api/keys", Map.of("name", "csrf-own"));
        assertThat(own.status()).isEqualTo(201);
        assertThat(browser.delete("/api/keys/" + own.json().path("id").asLong()).status()).isEqualTo(204);

        // a foreign page cannot log a browser in either (login CSRF), nor read with GET anything but its own answer
        ApiClient.Response foreignLogin = client().origin("http://evil.example").login("admin", adminPassword);
        assertThat(foreignLogin.status()).isEqualTo(403);
        assertThat(foreignLogin.setCookie("JSESSIONID")).isEmpty();
    }

    @Test
    void gatewayKeysNeverOpenTheAdminApi() throws Exception {
        String key = createUserWithKey("keyonly");
        assertThat(chatUntil("/keyonly/v1/chat/completions", key, 200).statusCode()).isEqualTo(200);

        for (String path : List.of("/api/auth/me", "/api/keys", "/api/logs")) {
            assertThat(client().header("Authorization", "Bearer " + key).get(path).status()).as(path).isEqualTo(401);
            assertThat(client().header("x-api-key", key).get(path).status()).as(path).isEqualTo(401);
            assertThat(client().basic("keyonly", key).get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(client().header("Authorization", "Bearer " + key).get("/api/auth/me").errorCode())
                .isEqualTo("unsupported_credentials");
    }

    @Test
    void pathTricksNeverBypassAuthentication() throws Exception {
        ApiClient user = client();
        createUser("tricky", "tricky-password-1", "user");
        loginOk(user, "tricky", "tricky-password-1", false);
        assertThat(user.get("/api/users").status()).isEqualTo(403);

        List<String> tricks = List.of("/api/../api/users", "/api/./users", "/api/users;x=1", "/api;/users",
                "/api/%2e%2e/api/users", "/api/%2E/users", "/api%2Fusers", "/api/users%2F", "//api//users", "/api//users",
                "/API/users", "/api/Users", "/api/USERS/", "/x/../api/users", "/api/users/", "/api/users/%2e",
                "/api/%75sers", "/api/users%3B", "/api/users/..;/users", "/api\\users", "/api/users\u00e9");
        HttpClient raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String trick : tricks) {
            for (String cookie : new String[] {null, "JSESSIONID=" + user.cookie("JSESSIONID").orElseThrow().getValue()}) {
                HttpResponse<String> r = rawGet(raw, trick, cookie);
                String who = (cookie == null ? "anonymous " : "user ") + trick;
                assertThat(r.statusCode()).as(who + " -> " + r.body()).isNotEqualTo(200);
                assertThat(r.body()).as(who).doesNotContain("\"username\":\"admin\"");
                if (cookie == null) {
                    assertThat(r.statusCode()).as(who).isIn(400, 401, 404);
                } else {
                    assertThat(r.statusCode()).as(who).isIn(400, 403, 404);
                }
            }
        }
    }

    @Test
    void usersAreManagedByAdministratorsAndHashesNeverLeave() throws Exception {
        ApiClient.Response created = admin.post("/api/users", map("username", "carol", "role", "user",
                "password", "carol-password-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("canLogIn").asBoolean()).isTrue();
        assertThat(admin.post("/api/users", map("username", "carol", "password", "whatever-123")).status()).isEqualTo(409);
        assertThat(admin.post("/api/users", map("username", "bad name", "password", "short")).json().path("error")
                .path("problems")).hasSize(2);

        ApiClient.Response list = admin.get("/api/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"carol\"").doesNotContain("$shiro2$").doesNotContain("password");

        ApiClient carol = client();
        loginOk(carol, "carol", "carol-password-1", false);
        assertThat(carol.get("/api/users").status()).isEqualTo(403);
        assertThat(carol.post("/api/users", map("username", "mallory", "password", "mallory-pass-1")).status()).isEqualTo(403);
        assertThat(carol.patch("/api/users/carol", map("role", "admin")).status()).isEqualTo(403);

        // a password change ends the user's sessions; the old password no longer works
        assertThat(admin.patch("/api/users/carol", map("password", "carol-password-2")).status()).isEqualTo(200);
        assertThat(carol.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(client().waitWhenThrottled(true).login("carol", "carol-password-1").status()).isEqualTo(401);
        loginOk(carol, "carol", "carol-password-2", false);

        // promoted: now an administrator, at once
        assertThat(admin.patch("/api/users/carol", map("role", "admin")).json().path("role").asText()).isEqualTo("admin");
        assertThat(carol.get("/api/users").status()).isEqualTo(200);

        // the stored hash is never a credential
        String hash = sqlite("SELECT password_hash FROM users WHERE username = ?", "carol");
        assertThat(hash).startsWith("$shiro2$argon2id$");
        assertThat(client().login("carol", hash).status()).isEqualTo(401);
        assertThat(client().basic("carol", hash).get("/api/auth/me").status()).isEqualTo(401);

        // disabled: sessions end, no login
        assertThat(admin.patch("/api/users/carol", map("enabled", false)).status()).isEqualTo(200);
        assertThat(carol.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(client().login("carol", "carol-password-2").status()).isEqualTo(401);

        assertThat(admin.delete("/api/users/carol").status()).isEqualTo(204);
        assertThat(admin.get("/api/users/carol").status()).isEqualTo(404);
    }

    @Test
    void theLastAdministratorCannotBeRemoved() {
        ApiClient.Response demote = admin.patch("/api/users/admin", map("role", "user"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.errorCode()).isEqualTo("last_admin");
        assertThat(admin.patch("/api/users/admin", map("enabled", false)).status()).isEqualTo(409);
        assertThat(admin.delete("/api/users/admin").status()).isEqualTo(409);
    }

    @Test
    void repeatedFailuresAreSlowedThenLockedAndAudited() throws Exception {
        createUser("dave", "dave-password-1", "user");
        assertThat(admin.patch("/api/settings", map("loginMaxFailures", 3, "loginLockSeconds", 4)).status()).isEqualTo(200);
        try {
            ApiClient patient = client(); // waits out slow-downs (also those other tests left on this address)
            ApiClient hasty = client().waitWhenThrottled(false);
            assertThat(patient.login("dave", "guess-1").status()).isEqualTo(401);
            ApiClient.Response tooFast = hasty.login("dave", "guess-2");
            assertThat(tooFast.status()).isEqualTo(429);
            assertThat(tooFast.errorCode()).isEqualTo("too_fast");
            assertThat(tooFast.header("Retry-After")).isPresent();
            assertThat(patient.login("dave", "guess-2").status()).isEqualTo(401);
            assertThat(patient.login("dave", "guess-3").status()).isEqualTo(401);

            // locked: even the right password is refused, under any case of the name, over Basic too
            ApiClient.Response locked = hasty.login("dave", "dave-password-1");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.errorCode()).isEqualTo("locked");
            assertThat(client().waitWhenThrottled(false).basic("dave", "dave-password-1").get("/api/auth/me").errorCode())
                    .isEqualTo("locked");
            assertThat(client().waitWhenThrottled(false).login("DAVE", "dave-password-1").errorCode()).isEqualTo("locked");

            sleep(4200);
            loginOk(client(), "dave", "dave-password-1", false);

            JsonNode audit = admin.get("/api/audit?limit=200").json().path("items");
            assertThat(audit.findValuesAsText("action")).contains("login.failed", "login.locked", "login");
            assertThat(audit.toString()).doesNotContain("guess-").doesNotContain("dave-password-1");
        } finally {
            assertThat(admin.patch("/api/settings", map("loginMaxFailures", 5, "loginLockSeconds", LOCK_SECONDS)).status())
                    .isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    void aKeyIsShownOnceStoredHashedAndEnablingTakesEffectOnTheGatewayAtOnce() throws Exception {
        createUser("erin", "erin-password-1", "user");
        ensureRoute("erin-chat", "/erin/v1/chat/completions");
        ApiClient erin = client();
        loginOk(erin, "erin", "erin-password-1", false);

        ApiClient.Response created = erin.post("/api/keys", map("name", "laptop", "concurrency", 2));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        long id = created.json().path("id").asLong();
        assertThat(key).startsWith("pg_").hasSize(43);
        assertThat(created.json().path("prefix").asText()).isEqualTo(key.substring(0, 7));

        assertThat(erin.get("/api/keys").body()).contains("laptop").doesNotContain(key).doesNotContain(key.substring(7));
        assertThat(erin.get("/api/keys/" + id).body()).doesNotContain(key);
        assertThat(admin.get("/api/keys?all=true").body()).contains("laptop").doesNotContain(key);
        assertThat(sqlite("SELECT prefix || '|' || key_hash FROM api_keys WHERE id = ?", id))
                .isEqualTo(key.substring(0, 7) + "|" + sha256Hex(key));

        assertThat(chat("/erin/v1/chat/completions", key).statusCode()).isEqualTo(200);
        assertThat(erin.patch("/api/keys/" + id, map("enabled", false)).json().path("enabled").asBoolean()).isFalse();
        long disabledAt = System.nanoTime();
        assertThat(chatUntil("/erin/v1/chat/completions", key, 401).statusCode()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(erin.patch("/api/keys/" + id, map("enabled", true, "name", "laptop-2", "concurrency", 1)).status())
                .isEqualTo(200);
        assertThat(chatUntil("/erin/v1/chat/completions", key, 200).statusCode()).isEqualTo(200);

        assertThat(erin.post("/api/keys", map("name", "laptop-2")).status()).isEqualTo(409);
        assertThat(erin.post("/api/keys", map("name", "other", "user", "admin")).status()).isEqualTo(403);
        assertThat(erin.get("/api/keys?all=true").status()).isEqualTo(403);
        assertThat(erin.delete("/api/keys/" + id).status()).isEqualTo(204);
        assertThat(chatUntil("/erin/v1/chat/completions", key, 401).statusCode()).isEqualTo(401);
    }

    @Test
    void aUserNeverReachesAnotherUsersKeysOrRecords() throws Exception {
        String franksKey = createUserWithKey("frank");
        createUser("grace", "grace-password-1", "user");
        assertThat(chatUntil("/frank/v1/chat/completions", franksKey, 200).statusCode()).isEqualTo(200);
        long franksKeyId = admin.get("/api/keys?user=frank").json().get(0).path("id").asLong();
        awaitRecords(admin, "/api/logs?user=frank", 1);

        ApiClient grace = client();
        loginOk(grace, "grace", "grace-password-1", false);
        for (String path : List.of("/api/keys/" + franksKeyId, "/api/logs?key=" + franksKeyId, "/api/analytics?key=" + franksKeyId)) {
            ApiClient.Response r = grace.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("frank");
        }
        assertThat(grace.patch("/api/keys/" + franksKeyId, map("enabled", false)).status()).isEqualTo(404);
        assertThat(grace.delete("/api/keys/" + franksKeyId).status()).isEqualTo(404);
        assertThat(grace.get("/api/keys?user=frank").status()).isEqualTo(403);
        assertThat(grace.get("/api/logs?user=frank").status()).isEqualTo(403);
        assertThat(grace.get("/api/analytics?user=frank").status()).isEqualTo(403);
        ApiClient.Response ownLogs = grace.get("/api/logs");
        assertThat(ownLogs.status()).isEqualTo(200);
        assertThat(ownLogs.json().path("total").asLong()).isZero();
        assertThat(grace.get("/api/analytics?groupBy=user").json().path("totals").path("requests").asLong()).isZero();
        assertThat(chatUntil("/frank/v1/chat/completions", franksKey, 200).statusCode()).isEqualTo(200); // still enabled
    }

    // ------------------------------------------------------------------ providers, routes, policies

    @Test
    void providersKeepUpstreamKeysWriteOnlyAndValidateBaseUrls() {
        ApiClient.Response created = admin.post("/api/providers", map("name", "canary-provider",
                "openaiBaseUrl", upstream.openaiBaseUrl(), "anthropicBaseUrl", upstream.anthropicBaseUrl(),
                "apiKeys", List.of(CANARY, "sk-second-upstream-key-0042"), "models", List.of("m1"), "concurrency", 4));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("apiKeyHints").toString()).isEqualTo("[\"e7d2\",\"0042\"]");
        assertThat(created.body()).doesNotContain(CANARY);
        assertThat(admin.post("/api/providers", map("name", "canary-provider", "openaiBaseUrl", upstream.openaiBaseUrl()))
                .status()).isEqualTo(409);

        ApiClient.Response test = admin.post("/api/providers/canary-provider/test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().path("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(test.json().path("exits")).hasSize(2);
        assertThat(upstream.requests()).anySatisfy(r -> assertThat(r.toString()).contains("models"));

        // replace without apiKeys keeps the keys
        ApiClient.Response replaced = admin.put("/api/providers/canary-provider", map("openaiBaseUrl", upstream.openaiBaseUrl(),
                "concurrency", 2));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("apiKeyCount").asInt()).isEqualTo(2);
        assertThat(replaced.json().path("anthropicBaseUrl").isNull()).isTrue();

        for (String bad : List.of("http://169.254.169.254/latest", "http://[fe80::1]/v1", "http://metadata.google.internal/v1",
                "ftp://example.com/v1", "http://user:pw@example.com/v1", "http://100.100.100.200/v1", "http://0.0.0.0/v1",
                "http://[::ffff:169.254.169.254]/v1")) {
            ApiClient.Response r = admin.post("/api/providers", map("name", "bad-url", "openaiBaseUrl", bad));
            assertThat(r.status()).as(bad + " -> " + r).isEqualTo(400);
            assertThat(r.body()).doesNotContain(bad);
        }
        assertThat(admin.patch("/api/settings", map("allowPrivateUpstreams", false)).status()).isEqualTo(200);
        try {
            assertThat(admin.post("/api/providers", map("name", "private-url", "openaiBaseUrl", "http://10.1.2.3/v1")).status())
                    .isEqualTo(400);
            assertThat(admin.post("/api/providers", map("name", "loopback-url", "openaiBaseUrl", "http://127.0.0.1:9/v1"))
                    .status()).isEqualTo(400);
            ApiClient.Response refusedTest = admin.post("/api/providers/canary-provider/test", null);
            assertThat(refusedTest.json().path("ok").asBoolean()).isFalse();
        } finally {
            assertThat(admin.patch("/api/settings", map("allowPrivateUpstreams", true)).status()).isEqualTo(200);
        }
        assertThat(admin.post("/api/providers", map("name", "no-exit")).json().path("error").path("message").asText())
                .contains("needs openaiBaseUrl or anthropicBaseUrl");
    }

    @Test
    void routesAreValidatedPreviewedAndServedAtOnce() throws Exception {
        admin.post("/api/providers", map("name", "route-openai", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "apiKeys", List.of("sk-route-openai-key")));
        admin.post("/api/policies", map("name", "route-policy", "mode", "prepend", "text", "Be brief."));

        ApiClient.Response unknownProvider = admin.post("/api/routes", map("name", "r-unknown", "path", "/r1/v1/chat/completions",
                "protocol", "openai", "provider", "nope", "model", "m"));
        assertThat(unknownProvider.status()).isEqualTo(400);
        assertThat(unknownProvider.body()).contains("provider: unknown provider 'nope'");

        // an Anthropic route on an OpenAI-only provider is served through the adapter
        ApiClient.Response adapted = admin.post("/api/routes/r-adapted/preview", map("path", "/r1/v1/messages",
                "protocol", "anthropic", "provider", "route-openai", "model", "m"));
        assertThat(adapted.status()).as(adapted.toString()).isEqualTo(200);
        assertThat(adapted.json().path("primary").path("mode").asText()).isEqualTo("adapter");
        assertThat(adapted.json().path("primary").path("exit").asText()).isEqualTo("openai");

        ApiClient.Response created = admin.post("/api/routes", map("name", "r-ok", "host", "*", "path", "/r1/v1/chat/completions",
                "protocol", "openai", "provider", "route-openai", "model", "routed-model", "policy", "route-policy"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        ApiClient.Response duplicate = admin.post("/api/routes", map("name", "r-dup", "path", "/r1/v1/chat/completions",
                "protocol", "openai", "provider", "route-openai", "model", "m"));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body()).contains("same host, path and protocol as route 'r-ok'");

        ApiClient.Response preview = admin.get("/api/routes/r-ok/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("primary").path("mode").asText()).isEqualTo("direct");
        assertThat(preview.json().path("primary").path("baseUrl").asText()).isEqualTo(upstream.openaiBaseUrl());
        assertThat(preview.json().path("policy").path("text").asText()).isEqualTo("Be brief.");
        ApiClient.Response draft = admin.post("/api/routes/r-draft/preview", map("path", "/r2/*", "protocol", "openai",
                "provider", "route-openai", "model", "m"));
        assertThat(draft.json().path("match").path("pathMatch").asText()).isEqualTo("prefix");
        assertThat(admin.get("/api/routes/r-draft").status()).isEqualTo(404);

        String key = createUserWithKey("henry");
        upstream.reset();
        assertThat(chat("/r1/v1/chat/completions", key).statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().model()).isEqualTo("routed-model");
        assertThat(upstream.lastRequest().bodyText()).contains("Be brief.");

        assertThat(admin.delete("/api/providers/route-openai").status()).isEqualTo(409);
        assertThat(admin.delete("/api/policies/route-policy").status()).isEqualTo(409);
        assertThat(admin.delete("/api/routes/r-ok").status()).isEqualTo(204);
        assertThat(chat("/r1/v1/chat/completions", key).statusCode()).isEqualTo(404);
        assertThat(admin.delete("/api/policies/route-policy").status()).isEqualTo(204);
    }

    @Test
    void policiesHaveCrudAndAPreviewOfTheResultingSystemPrompt() {
        assertThat(admin.post("/api/policies", map("name", "pp", "mode", "append", "text", "Sign as PG.")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/policies", map("name", "pp2", "mode", "sideways", "text", "x")).body())
                .contains("mode");
        ApiClient.Response preview = admin.get("/api/policies/pp/preview?system=Hello");
        assertThat(preview.json().path("system").asText()).isEqualTo("Hello\n\nSign as PG.");
        assertThat(admin.put("/api/policies/pp", map("mode", "replace", "text", "Only this.")).json().path("mode").asText())
                .isEqualTo("replace");
        assertThat(admin.get("/api/policies").body()).contains("Only this.");
        assertThat(admin.delete("/api/policies/pp").status()).isEqualTo(204);
        assertThat(admin.get("/api/policies/pp").errorCode()).isEqualTo("not_found");
    }

    // ------------------------------------------------------------------ logs, analytics, settings, config, audit

    @Test
    void logsAndAnalyticsReportTheGatewaysTraffic() throws Exception {
        String key = createUserWithKey("ivan");
        for (int i = 0; i < 3; i++) {
            assertThat(chatUntil("/ivan/v1/chat/completions", key, 200).statusCode()).isEqualTo(200);
        }
        assertThat(chat("/ivan/v1/chat/completions", "pg_not_a_real_key_0000000000000000000000").statusCode()).isEqualTo(401);
        JsonNode page = awaitRecords(admin, "/api/logs?user=ivan&status=200&limit=2", 3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("route").asText()).isEqualTo("ivan-chat");
        assertThat(page.path("items").get(0).path("keyPrefix").asText()).isEqualTo(key.substring(0, 7));
        assertThat(page.toString()).doesNotContain(key);
        // the refused request is recorded too, on its route, without a user
        awaitRecords(admin, "/api/logs?route=ivan-chat&status=4xx", 1);
        assertThat(admin.get("/api/logs?route=ivan-chat&status=error").json().path("items").get(0).path("user").isNull()).isTrue();
        assertThat(admin.get("/api/logs?status=banana").status()).isEqualTo(400);
        assertThat(admin.get("/api/logs?from=yesterday").status()).isEqualTo(400);

        ApiClient ivan = client();
        loginOk(ivan, "ivan", "ivan-password-1", false);
        assertThat(ivan.get("/api/logs").json().path("total").asLong()).isEqualTo(3);

        ApiClient.Response report = admin.get("/api/analytics?groupBy=route&bucket=hour&user=ivan");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode totals = report.json().path("totals");
        assertThat(totals.path("requests").asLong()).isEqualTo(3);
        assertThat(totals.path("errors").asLong()).isZero();
        assertThat(totals.path("latencyP50Ms").isNumber()).isTrue();
        assertThat(totals.path("latencyP95Ms").asLong()).isGreaterThanOrEqualTo(totals.path("latencyP50Ms").asLong());
        assertThat(totals.path("fallbackRate").asDouble()).isZero();
        assertThat(report.json().path("groups").get(0).path("key").asText()).isEqualTo("ivan-chat");
        assertThat(report.json().path("series")).isNotEmpty();
        assertThat(ivan.get("/api/analytics?bucket=day").json().path("totals").path("requests").asLong()).isEqualTo(3);
    }

    @Test
    void settingsAreValidatedAndApplied() {
        JsonNode settings = admin.get("/api/settings").json();
        assertThat(settings.has("globalConcurrency")).isTrue();
        assertThat(settings.has("timeZone")).isTrue();
        ApiClient.Response bad = admin.patch("/api/settings", map("globalConcurrency", 0, "dayStartHour", 24, "timeZone", "Mars/Base",
                "noSuchSetting", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("problems")).hasSize(4);
        ApiClient.Response ok = admin.patch("/api/settings", map("timeZone", "Asia/Shanghai", "dayStartHour", 4,
                "weekStart", "sunday", "globalQueue", 300));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("globalQueue").asInt()).isEqualTo(300);
        assertThat(admin.get("/api/analytics?bucket=week").json().path("weekStart").asText()).isEqualTo("sunday");
        assertThat(admin.patch("/api/settings", map("timeZone", "UTC", "dayStartHour", 0, "weekStart", "monday",
                "globalQueue", 256)).status()).isEqualTo(200);
    }

    @Test
    void configExportHasNoSecretsAndReimportsAsNoChange() throws Exception {
        admin.post("/api/providers", map("name", "export-provider", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "apiKeys", List.of(CANARY)));
        ApiClient.Response yaml = admin.get("/api/config/export");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(yaml.body()).contains("export-provider").doesNotContain(CANARY).doesNotContain("$shiro2$")
                .doesNotContain("apiKeys: [sk").doesNotContain("password");
        ApiClient.Response json = admin.get("/api/config/export?format=json");
        assertThat(json.json().path("providers").toString()).contains("export-provider").doesNotContain(CANARY);

        ApiClient.Response again = admin.postText("/api/config/import", "application/yaml", yaml.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("changes")).isEmpty();

        ApiClient.Response imported = admin.postText("/api/config/import", "application/yaml", """
                users:
                  - username: judy
                    role: user
                    password: judy-password-1
                    apiKeys:
                      - name: generated
                """);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String generated = imported.json().path("generatedKeys").get(0).path("key").asText();
        assertThat(generated).startsWith("pg_");
        assertThat(admin.get("/api/keys?user=judy").body()).doesNotContain(generated);

        ApiClient.Response invalid = admin.postText("/api/config/import", "application/yaml", """
                providers:
                  - name: meta
                    openaiBaseUrl: http://169.254.169.254/v1
                routes:
                  - name: x
                    path: /x
                    protocol: openai
                    provider: missing
                    model: m
                """);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(admin.get("/api/providers/meta").status()).isEqualTo(404);
    }

    @Test
    void theAuditTrailSaysWhoChangedWhatWithoutSecrets() {
        admin.post("/api/providers", map("name", "audited", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "apiKeys", List.of(CANARY)));
        admin.put("/api/providers/audited", map("openaiBaseUrl", upstream.openaiBaseUrl(), "apiKeys", List.of(CANARY + "-2")));
        JsonNode events = admin.get("/api/audit?actor=admin&limit=500").json();
        assertThat(events.path("items").findValuesAsText("action")).contains("provider.create", "provider.update",
                "settings.update");
        assertThat(events.toString()).doesNotContain(CANARY);
        assertThat(admin.get("/api/audit?action=provider.create").json().path("items").get(0).path("target").asText())
                .isNotEmpty();
    }

    /** Last: everything any client saw in this class, the logs and the export hold no upstream key. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theCanaryUpstreamKeyIsNowhere() throws Exception {
        admin.post("/api/providers", map("name", "canary-last", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "apiKeys", List.of(CANARY)));
        for (String path : List.of("/api/providers", "/api/providers/canary-last", "/api/config/export",
                "/api/config/export?format=json", "/api/audit?limit=500", "/api/logs?limit=500", "/api/settings")) {
            admin.get(path);
        }
        synchronized (transcript) {
            assertThat(transcript).isNotEmpty().allSatisfy(entry -> assertThat(entry).doesNotContain(CANARY));
        }
        assertThat(tomcat.logText()).doesNotContain(CANARY).doesNotContain(adminPassword)
                .as("a forged rememberMe cookie is no reason for a stack trace").doesNotContain("AEADBadTagException");
    }

    // ------------------------------------------------------------------ helpers

    /** Creates a user (password {@code <name>-password-1}), a route {@code /<name>/v1/chat/completions} and a key; returns the key. */
    static String createUserWithKey(String name) {
        createUser(name, name + "-password-1", "user");
        ensureRoute(name + "-chat", "/" + name + "/v1/chat/completions");
        ApiClient.Response key = admin.post("/api/keys", map("name", "k", "user", name));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.json().path("key").asText();
    }

    static void createUser(String name, String password, String role) {
        ApiClient.Response r = admin.post("/api/users", map("username", name, "password", password, "role", role));
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }

    static void ensureRoute(String name, String path) {
        ApiClient.Response p = admin.post("/api/providers", map("name", "it-upstream", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "anthropicBaseUrl", upstream.anthropicBaseUrl(), "apiKeys", List.of("sk-it-upstream-key-1")));
        assertThat(p.status()).as(p.toString()).isIn(201, 409);
        ApiClient.Response r = admin.post("/api/routes", map("name", name, "path", path, "protocol", "openai",
                "provider", "it-upstream", "model", "it-model"));
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }

    /** Polls the gateway until it answers {@code status} (the snapshot is swapped before the admin call returns). */
    HttpResponse<String> chatUntil(String path, String key, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        HttpResponse<String> r = chat(path, key);
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            sleep(50);
            r = chat(path, key);
        }
        return r;
    }

    /** Polls a logs query until it reports at least {@code count} records (records are written in batches). */
    static JsonNode awaitRecords(ApiClient client, String path, long count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode page = client.get(path).json();
        while (page.path("total").asLong() < count && System.nanoTime() < deadline) {
            sleep(200);
            page = client.get(path).json();
        }
        assertThat(page.path("total").asLong()).as(path).isGreaterThanOrEqualTo(count);
        return page;
    }

    static HttpResponse<String> rawGet(HttpClient client, String rawPath, String cookie) throws Exception {
        // the JDK client normalises nothing in a URI given as a string: the path goes out as written
        HttpRequest.Builder request = HttpRequest.newBuilder(new URI(tomcat.baseUrl() + rawPath.replace("\\", "%5C")
                        .replace("\u00e9", "%C3%A9"))).timeout(GATEWAY_TIMEOUT).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }


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
