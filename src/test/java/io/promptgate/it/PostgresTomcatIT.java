package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.testing.FakeUpstream;
import io.promptgate.testing.FreshPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged WAR on Tomcat 11 with the shipped tomcat-conf/context-postgresql.xml: a JNDI
 * DataSource (Tomcat's pool, the driver JAR in CATALINA_BASE/lib) to a fresh PostgreSQL
 * database. The schema is migrated there, the admin API and the gateway work, and the request
 * records land in PostgreSQL, not in a SQLite file.
 */
class PostgresTomcatIT {
    static final String KEY = GatewayFixture.ALICE_KEY;

    static FreshPostgres postgres;
    static FakeUpstream upstream;
    static TomcatContainer tomcat;
    static ApiClient admin;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        postgres = FreshPostgres.create();
        upstream = FakeUpstream.started();
        Path config = ItPaths.freshWorkDir("postgres-fixture").resolve("promptgate.yaml");
        Files.writeString(config, """
                providers:
                  - name: pg-upstream
                    openaiBaseUrl: %s/v1
                    apiKeys: [sk-pg-upstream]
                routes:
                  - name: chat
                    path: /v1/chat/completions
                    protocol: openai
                    provider: pg-upstream
                    model: pg-model
                users:
                  - username: alice
                    apiKeys:
                      - name: laptop
                        key: %s
                """.formatted(upstream.baseUrl(), KEY));
        Map<String, String> env = SharedTomcat.defaultEnv();
        tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11)
                .name("tomcat11-postgresql")
                .postgresql(postgres)
                .env(env)
                .env("PROMPTGATE_CONFIG", config.toString())
                .start();
        admin = new ApiClient(tomcat.baseUrl(), new java.util.ArrayList<>());
        assertThat(admin.login("admin", env.get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migratesThePostgresqlSchemaThroughTheJndiDataSource() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(tomcat.uri("/healthz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"vendor\":\"postgresql\"", "\"schemaVersion\":\"3\"");
        assertThat(tomcat.logText()).contains("Using the container DataSource java:comp/env/jdbc/promptgate");
        assertThat(tomcat.dataDir().resolve("promptgate.db")).doesNotExist();
        assertThat(sqlValue("SELECT username FROM users WHERE username = 'alice'")).isEqualTo("alice");
    }

    @Test
    void gatewayRequestsAreRecordedInPostgresqlAndCountedByAnalytics() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(chat().statusCode()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Long.parseLong(sqlValue("SELECT count(*) FROM request_records WHERE route = 'chat'")) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sqlValue("SELECT count(*) FROM request_records WHERE route = 'chat' AND status = 200")).isEqualTo("3");
        assertThat(sqlValue("SELECT last_used_at IS NOT NULL FROM api_keys WHERE name = 'laptop'")).isEqualTo("t");

        JsonNode report = admin.get("/api/analytics?route=chat&groupBy=user").json();
        assertThat(report.path("totals").path("requests").asLong()).isEqualTo(3);
        assertThat(admin.get("/api/logs?route=chat").json().path("total").asLong()).isEqualTo(3);
    }

    @Test
    void adminChangesAreStoredInPostgresqlAndReachTheGateway() throws Exception {
        ApiClient.Response policy = admin.post("/api/policies", Map.of("name", "pg-policy", "mode", "prepend", "text", "Be brief."));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        assertThat(sqlValue("SELECT mode FROM prompt_policies WHERE name = 'pg-policy'")).isEqualTo("prepend");
        assertThat(Long.parseLong(sqlValue("SELECT count(*) FROM audit_events WHERE action LIKE 'policy.%'"))).isEqualTo(1);

        long keyId = admin.get("/api/keys?all=true").json().findValues("id").get(0).asLong(); // alice's, the only key
        assertThat(admin.patch("/api/keys/" + keyId, Map.of("enabled", false)).status()).isEqualTo(200);
        assertThat(chat().statusCode()).isEqualTo(401);
        assertThat(admin.patch("/api/keys/" + keyId, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(chat().statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> chat() throws Exception {
        return http.send(HttpRequest.newBuilder(tomcat.uri("/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sqlValue(String sql) throws Exception {
        try (Connection c = postgres.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
