package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FakeUpstream;
import io.promptgate.testing.FreshPostgres;
import io.promptgate.testing.FreshRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster acceptance test, with real engines and processes: a fresh PostgreSQL database and
 * Redis key prefix, two Tomcat 11 nodes running the same WAR (JNDI DataSource to PostgreSQL,
 * PROMPTGATE_REDIS_URL) behind our own nginx balancing round-robin, one fake upstream counting
 * its concurrency.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTomcatIT {
    static final String KEY = GatewayFixture.ALICE_KEY;
    static final int PROVIDER_LIMIT = 3;
    static final Duration LEASE = Duration.ofSeconds(3);

    static FreshPostgres postgres;
    static FreshRedis redis;
    static FakeUpstream upstream;
    static TomcatContainer nodeA;
    static TomcatContainer nodeB;
    static NginxBalancer nginx;
    static String adminPassword;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        postgres = FreshPostgres.create();
        redis = FreshRedis.create();
        upstream = FakeUpstream.started();
        Path config = ItPaths.freshWorkDir("cluster-fixture").resolve("promptgate.yaml");
        Files.writeString(config, """
                settings:
                  queueTimeoutMs: 30000
                providers:
                  - name: limited
                    openaiBaseUrl: %s/v1
                    apiKeys: [sk-cluster-upstream]
                    concurrency: %d
                    queue: 50
                routes:
                  - name: chat
                    path: /v1/chat/completions
                    protocol: openai
                    provider: limited
                    model: cluster-model
                  - name: count
                    path: /count/v1/chat/completions
                    protocol: openai
                    provider: limited
                    model: cluster-model
                users:
                  - username: alice
                    apiKeys:
                      - name: laptop
                        key: %s
                """.formatted(upstream.baseUrl(), PROVIDER_LIMIT, KEY));
        Map<String, String> env = new java.util.HashMap<>(SharedTomcat.defaultEnv()); // one master key for the cluster
        adminPassword = env.get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
        env.put("PROMPTGATE_CONFIG", config.toString());
        env.put("PROMPTGATE_REDIS_URL", redis.url());
        env.put("PROMPTGATE_REDIS_PREFIX", redis.prefix());
        env.put("PROMPTGATE_REDIS_LEASE_MS", Long.toString(LEASE.toMillis()));
        nodeA = node("tomcat11-cluster-a", "a", env);
        nodeB = node("tomcat11-cluster-b", "b", env); // after A: the first start migrates and applies the config
        Map<String, Integer> backends = new java.util.LinkedHashMap<>();
        backends.put("a", nodeA.port());
        backends.put("b", nodeB.port());
        nginx = NginxBalancer.start("cluster-nginx", backends);
    }

    static TomcatContainer node(String name, String jvmRoute, Map<String, String> env) {
        return TomcatContainer.builder(TomcatVersion.TOMCAT_11)
                .name(name)
                .javaOpt("-DjvmRoute=" + jvmRoute) // session ids end in .<jvmRoute>: nginx keeps a session on its node
                .postgresql(postgres)
                .env(env)
                .start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {nginx, nodeA, nodeB, upstream, redis, postgres}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }

    @Test
    @Order(1)
    void theProviderLimitHoldsAcrossBothNodes() throws Exception {
        upstream.reset();
        upstream.defaultReply(FakeReply.ok().headerDelayMs(400));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4 * PROVIDER_LIMIT; i++) {
            calls.add(chatAsync(nginx.baseUrl(), "/v1/chat/completions"));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        assertThat(upstream.maxConcurrent()).as("the fake upstream never saw more than the provider limit")
                .isLessThanOrEqualTo(PROVIDER_LIMIT).isGreaterThanOrEqualTo(2);
        assertThat(actionLog(nodeA)).contains("route=chat");
        assertThat(actionLog(nodeB)).as("round-robin: both nodes served").contains("route=chat");
        upstream.defaultReply(FakeReply.ok());
    }

    @Test
    @Order(2)
    void aKeyDisabledThroughNodeAIsRefusedByNodeBWithinTwoSeconds() throws Exception {
        ApiClient adminOnA = new ApiClient(nodeA.baseUrl(), new ArrayList<>());
        assertThat(adminOnA.login("admin", adminPassword).status()).isEqualTo(200);
        long keyId = adminOnA.get("/api/keys?all=true").json().findValues("id").get(0).asLong();
        assertThat(chat(nodeB.baseUrl(), "/v1/chat/completions").statusCode()).isEqualTo(200);

        assertThat(adminOnA.patch("/api/keys/" + keyId, Map.of("enabled", false)).status()).isEqualTo(200);
        long changed = System.nanoTime();
        assertThat(chatUntil(nodeB.baseUrl(), 401, Duration.ofSeconds(3))).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(2));

        assertThat(adminOnA.patch("/api/keys/" + keyId, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(chatUntil(nodeB.baseUrl(), 200, Duration.ofSeconds(3))).isEqualTo(200);
    }

    @Test
    @Order(3)
    void recordsOfBothNodesAreInPostgresqlAndAnalyticsCountThemAll() throws Exception {
        int sent = 10;
        for (int i = 0; i < sent; i++) {
            assertThat(chat(nginx.baseUrl(), "/count/v1/chat/completions").statusCode()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (countRecords("route = 'count'") < sent && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(countRecords("route = 'count'")).isEqualTo(sent);
        assertThat(actionLog(nodeA)).contains("route=count");
        assertThat(actionLog(nodeB)).contains("route=count");

        ApiClient adminOnB = new ApiClient(nodeB.baseUrl(), new ArrayList<>());
        assertThat(adminOnB.login("admin", adminPassword).status()).isEqualTo(200);
        JsonNode report = adminOnB.get("/api/analytics?route=count").json();
        assertThat(report.path("totals").path("requests").asLong()).isEqualTo(sent);
        assertThat(adminOnB.get("/api/analytics").json().path("totals").path("requests").asLong())
                .isEqualTo(countRecords("TRUE"));

        // the live feed's history on node B holds the lines of both nodes (round-robin served half on A)
        long linesOnB = 0;
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            linesOnB = 0;
            for (JsonNode event : adminOnB.get("/api/logs/recent?limit=1000").json().path("events")) {
                if (event.path("line").asText().contains("route=count")) {
                    linesOnB++;
                }
            }
            if (linesOnB >= sent) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(linesOnB).as("route=count lines in node B's feed history").isEqualTo(sent);
    }

    @Test
    @Order(4)
    void anAdminSessionThroughTheBalancerStaysOnItsNode() {
        ApiClient browser = new ApiClient(nginx.baseUrl(), new ArrayList<>());
        assertThat(browser.login("admin", adminPassword).status()).isEqualTo(200);
        assertThat(browser.cookie("JSESSIONID")).hasValueSatisfying(c -> assertThat(c.getValue()).matches(".*\\.(a|b)"));
        for (int i = 0; i < 6; i++) {
            assertThat(browser.get("/api/auth/me").status()).as("request %d of the session", i).isEqualTo(200);
        }
    }

    @Test
    @Order(5)
    void whenANodeDiesTheOtherKeepsServingAndItsPermitsComeBackWithinTheLeaseTime() throws Exception {
        upstream.reset();
        upstream.defaultReply(FakeReply.ok().holdUntilReleased());
        List<CompletableFuture<HttpResponse<String>>> onA = new ArrayList<>();
        for (int i = 0; i < PROVIDER_LIMIT; i++) {
            onA.add(chatAsync(nodeA.baseUrl(), "/v1/chat/completions"));
        }
        upstream.awaitRequests(PROVIDER_LIMIT, Duration.ofSeconds(10)); // node A holds every permit
        CompletableFuture<HttpResponse<String>> onB = chatAsync(nodeB.baseUrl(), "/v1/chat/completions");
        Thread.sleep(500);
        assertThat(upstream.requestCount()).as("node B waits for a permit").isEqualTo(PROVIDER_LIMIT);

        long killed = System.nanoTime();
        nodeA.kill();
        upstream.awaitRequests(PROVIDER_LIMIT + 1, LEASE.plusSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the dead node's leases expired")
                .isLessThan(LEASE.plusSeconds(2));
        upstream.defaultReply(FakeReply.ok());
        upstream.releaseHeld();
        assertThat(onB.get().statusCode()).isEqualTo(200);

        for (int i = 0; i < 6; i++) {
            assertThat(chat(nginx.baseUrl(), "/v1/chat/completions").statusCode()).as("served through nginx by node B")
                    .isEqualTo(200);
        }
    }

    private int chatUntil(String base, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = chat(base, "/v1/chat/completions").statusCode();
        while (last != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = chat(base, "/v1/chat/completions").statusCode();
        }
        return last;
    }

    private HttpResponse<String> chat(String base, String path) throws Exception {
        return http.send(request(base, path), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> chatAsync(String base, String path) {
        return http.sendAsync(request(base, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    private static String actionLog(TomcatContainer node) throws Exception {
        Path log = node.dataDir().resolve("action.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static long countRecords(String where) throws Exception {
        try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM request_records WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
