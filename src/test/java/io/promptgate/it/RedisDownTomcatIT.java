package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A node whose PROMPTGATE_REDIS_URL points at nothing: it starts, serves without hanging, enforces
 * its limits on its own, counts those grants, warns once, and never logs the URL's password.
 */
class RedisDownTomcatIT {
    static final String KEY = GatewayFixture.ALICE_KEY;
    static final String REDIS_PASSWORD = "redis-pass-CANARY-5e1f";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesWithPerNodeLimitsWhenRedisIsUnreachable() throws Exception {
        try (FakeUpstream upstream = FakeUpstream.started()) {
            Path config = ItPaths.freshWorkDir("redis-down-fixture").resolve("promptgate.yaml");
            Files.writeString(config, """
                    providers:
                      - name: limited
                        openaiBaseUrl: %s/v1
                        apiKeys: [sk-redis-down]
                        concurrency: 1
                        queue: 10
                    routes:
                      - name: chat
                        path: /v1/chat/completions
                        protocol: openai
                        provider: limited
                        model: m
                    users:
                      - username: alice
                        apiKeys:
                          - name: laptop
                            key: %s
                    """.formatted(upstream.baseUrl(), KEY));
            Map<String, String> env = new java.util.HashMap<>(SharedTomcat.defaultEnv());
            env.put("PROMPTGATE_CONFIG", config.toString());
            env.put("PROMPTGATE_REDIS_URL", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + TomcatContainer.freePort());
            try (TomcatContainer tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11).name("tomcat11-redis-down").env(env).start()) {
                long started = System.nanoTime();
                assertThat(chat(tomcat).statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no hang").isLessThan(Duration.ofSeconds(5));

                upstream.reset();
                upstream.defaultReply(FakeReply.ok().headerDelayMs(300));
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(http.sendAsync(request(tomcat), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    assertThat(call.get().statusCode()).isEqualTo(200);
                }
                assertThat(upstream.maxConcurrent()).as("the node enforces the limit on its own").isEqualTo(1);

                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(tomcat.uri("/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).containsPattern(
                        "promptgate_admission_local_grants_total\\{[^}]*level=\"provider\"[^}]*name=\"limited\"[^}]*} [1-9]");
                assertThat(tomcat.logText()).contains("Redis is unreachable").doesNotContain(REDIS_PASSWORD);
            }
        }
    }

    private HttpResponse<String> chat(TomcatContainer tomcat) throws Exception {
        return http.send(request(tomcat), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(TomcatContainer tomcat) {
        return HttpRequest.newBuilder(URI.create(tomcat.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }
}
