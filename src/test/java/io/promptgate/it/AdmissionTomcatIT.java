package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FakeUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency limits, queues, fallback, timeouts and cancellation against two fake upstreams
 * that count their own concurrency, on a real Tomcat 11. The limiters' gauges are read the way
 * operations would: over the app server's remote JMX.
 */
class AdmissionTomcatIT {
    static final String KEY = GatewayFixture.ALICE_KEY;
    static final int LIMIT = 2;
    static final int QUEUE = 2;
    private static FakeUpstream primary;
    private static FakeUpstream backup;
    /** Answers too late for its provider's first-byte timeout: the timeouts in the mixed load. */
    private static FakeUpstream sleepy;
    private static Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TomcatContainer tomcat;
    private static JMXConnector jmx;
    private static URL base;

    @BeforeAll
    static void start() throws Exception {
        primary = FakeUpstream.started();
        backup = FakeUpstream.started();
        sleepy = FakeUpstream.started().defaultReply(FakeReply.ok().headerDelayMs(1_500));
        Path config = ItPaths.freshWorkDir("admission-fixture").resolve("promptgate.yaml");
        Files.writeString(config, """
                settings:
                  globalConcurrency: 8
                  globalQueue: 8
                  queueTimeoutMs: 3000
                providers:
                  - name: limited
                    openaiBaseUrl: %1$s/v1
                    anthropicBaseUrl: %1$s
                    apiKeys: [sk-limited]
                    concurrency: %3$d
                    queue: %4$d
                    firstByteTimeoutMs: 10000
                    idleTimeoutMs: 3000
                  - name: backup
                    openaiBaseUrl: %2$s/v1
                    anthropicBaseUrl: %2$s
                    apiKeys: [sk-backup]
                    concurrency: 1
                    queue: 1
                  - name: sleepy
                    openaiBaseUrl: %6$s/v1
                    apiKeys: [sk-sleepy]
                    concurrency: 4
                    queue: 50
                    firstByteTimeoutMs: 200
                routes:
                  - name: sleepy-chat
                    path: /sleepy/v1/chat/completions
                    protocol: openai
                    provider: sleepy
                    model: sleepy-model
                  - name: chat
                    path: /v1/chat/completions
                    protocol: openai
                    provider: limited
                    model: primary-model
                    fallbackProvider: backup
                    fallbackModel: backup-model
                  - name: messages
                    path: /v1/messages
                    protocol: anthropic
                    provider: limited
                    model: primary-model
                    fallbackProvider: backup
                  - name: chat-nofallback
                    path: /nofb/v1/chat/completions
                    protocol: openai
                    provider: limited
                    model: primary-model
                users:
                  - username: alice
                    apiKeys:
                      - name: laptop
                        key: %5$s
                """.formatted(primary.baseUrl(), backup.baseUrl(), LIMIT, QUEUE, KEY, sleepy.baseUrl()), StandardCharsets.UTF_8);
        int jmxPort = io.promptgate.testing.FreePorts.find();
        tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11).name("tomcat11-admission")
                .env("PROMPTGATE_CONFIG", config.toString())
                .javaOpts("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false")
                .start();
        home = tomcat.dataDir();
        base = URI.create(tomcat.baseUrl()).toURL();
        jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
        if (tomcat != null) {
            tomcat.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
        if (sleepy != null) {
            sleepy.close();
        }
    }

    @BeforeEach
    void reset() {
        primary.reset();
        backup.reset();
    }

    @AfterEach
    void everyPermitIsBack() throws Exception {
        primary.releaseHeld();
        backup.releaseHeld();
        awaitGaugesAtZero();
    }

    @Test
    void aBurstNeverPushesTheUpstreamPastTheLimit() throws Exception {
        primary.defaultReply(FakeReply.ok().headerDelayMs(200));
        int burst = 10 * (LIMIT + QUEUE);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            calls.add(http.sendAsync(chat("/nofb/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.computeIfAbsent(call.get(30, TimeUnit.SECONDS).statusCode(), s -> new AtomicInteger()).incrementAndGet();
        }
        assertThat(primary.maxConcurrent()).isLessThanOrEqualTo(LIMIT);
        assertThat(statuses.keySet()).containsOnly(200, 503);
        assertThat(statuses.get(200).get()).isGreaterThanOrEqualTo(LIMIT + QUEUE);
        assertThat(statuses.get(503).get()).isPositive();
    }

    @Test
    void aFullPrimaryQueueSendsTheRequestToTheFallbackWhichQueuesButNeverCascades() throws Exception {
        primary.defaultReply(FakeReply.ok().holdUntilReleased());
        backup.defaultReply(FakeReply.ok().holdUntilReleased());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < LIMIT + QUEUE; i++) {
            calls.add(http.sendAsync(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString()));
        }
        primary.awaitRequests(LIMIT, Duration.ofSeconds(10));
        awaitQueued("limited", QUEUE);
        CompletableFuture<HttpResponse<String>> overflow = http.sendAsync(chat("/v1/chat/completions", false),
                HttpResponse.BodyHandlers.ofString());
        backup.awaitRequests(1, Duration.ofSeconds(10));
        CompletableFuture<HttpResponse<String>> waitsInFallbackQueue = http.sendAsync(chat("/v1/chat/completions", false),
                HttpResponse.BodyHandlers.ofString());
        awaitQueued("backup", 1);
        HttpResponse<String> refused = http.send(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("primary and fallback queues full: no third provider").isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).isPresent();

        // from now on nothing new is held; then every held request is let go
        primary.defaultReply(FakeReply.ok());
        backup.defaultReply(FakeReply.ok());
        primary.releaseHeld();
        backup.releaseHeld();
        HttpResponse<String> served = overflow.get(10, TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("backup-model");
        Map<String, Object> record = GatewayFixture.awaitRecord(home, requestId(served), Duration.ofSeconds(10));
        assertThat(record).containsEntry("provider", "backup").containsEntry("fallback", 1).containsEntry("model", "backup-model");
        assertThat(waitsInFallbackQueue.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(primary.maxConcurrent()).isLessThanOrEqualTo(LIMIT);
        assertThat(backup.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void fallbackStatusesFromThePrimaryAreRetriedOnceOnTheFallback() throws Exception {
        for (int status : List.of(429, 503, 529)) {
            reset();
            primary.enqueue(FakeReply.error(status));
            HttpResponse<String> response = http.send(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("after a %d", status).isEqualTo(200);
            assertThat(primary.requestCount()).isEqualTo(1);
            assertThat(backup.requestCount()).isEqualTo(1);
            assertThat(backup.lastRequest().model()).isEqualTo("backup-model");
            assertThat(GatewayFixture.awaitRecord(home, requestId(response), Duration.ofSeconds(10)))
                    .containsEntry("fallback", 1).containsEntry("provider", "backup");
        }
        reset();
        primary.enqueue(FakeReply.error(429));
        backup.enqueue(FakeReply.error(429, "backup is busy too"));
        HttpResponse<String> twice = http.send(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).as("exactly one fallback attempt").isEqualTo(429);
        assertThat(twice.body()).contains("backup is busy too");
        assertThat(primary.requestCount() + backup.requestCount()).isEqualTo(2);
    }

    @Test
    void callerErrorsNeverFallBack() throws Exception {
        for (int status : List.of(400, 401, 403)) {
            reset();
            primary.enqueue(FakeReply.error(status));
            HttpResponse<String> response = http.send(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(backup.requestCount()).isZero();
        }
    }

    @Test
    void aBusyFallbackMakesTheRetryWaitInItsQueue() throws Exception {
        backup.defaultReply(FakeReply.ok().holdUntilReleased());
        // a primary 429 sends the first request to the backup, where it is held and occupies its one permit
        primary.enqueue(FakeReply.error(429));
        CompletableFuture<HttpResponse<String>> occupying = http.sendAsync(chat("/v1/chat/completions", false),
                HttpResponse.BodyHandlers.ofString());
        backup.awaitRequests(1, Duration.ofSeconds(10));
        primary.enqueue(FakeReply.error(503));
        CompletableFuture<HttpResponse<String>> retried = http.sendAsync(chat("/v1/chat/completions", false),
                HttpResponse.BodyHandlers.ofString());
        awaitQueued("backup", 1);
        backup.releaseHeld();
        backup.awaitRequests(2, Duration.ofSeconds(10));
        backup.releaseHeld();
        assertThat(occupying.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(retried.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(backup.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void aClientLeavingMidStreamCancelsTheUpstreamAndFreesItsPermits() throws Exception {
        primary.enqueue(FakeReply.ok().chunks(40).chunkGapMs(250));
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String requestId;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /nofb/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readUntil(socket.getInputStream(), "data:");
            requestId = head.replaceAll("(?s).*x-request-id: (req_[0-9a-f]+).*", "$1");
            assertThat(primary.inFlight()).isEqualTo(1);
        }
        long closed = System.nanoTime();
        while (primary.inFlight() > 0 && System.nanoTime() - closed < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(20);
        }
        assertThat(primary.inFlight()).as("upstream call cancelled").isZero();
        assertThat(System.nanoTime() - closed).isLessThan(TimeUnit.SECONDS.toNanos(2) + TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(GatewayFixture.awaitRecord(home, requestId, Duration.ofSeconds(10))).containsEntry("error", "client_cancelled");
    }

    @Test
    void aClientLeavingWhileQueuedNeverReachesTheUpstream() throws Exception {
        primary.defaultReply(FakeReply.ok().holdUntilReleased());
        List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            holding.add(http.sendAsync(chat("/nofb/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString()));
        }
        primary.awaitRequests(LIMIT, Duration.ofSeconds(10));
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"queued then gone\"}]}";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("POST /nofb/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            awaitQueued("limited", 1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gauge("provider", "limited", "Queued") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gauge("provider", "limited", "Queued")).as("the waiter left the queue with its client").isZero();
        primary.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> call : holding) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        Thread.sleep(300);
        assertThat(primary.requests()).noneMatch(r -> r.bodyText().contains("queued then gone"));
    }

    @Test
    void aStreamBrokenByTheUpstreamEndsWithAnErrorBothSdksSurface() {
        primary.enqueue(FakeReply.ok().chunks(6).dropAfterEvents(3));
        com.openai.client.OpenAIClient openai = com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                .baseUrl(base.toString().replaceAll("/$", "") + "/nofb/v1").apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(15)).build();
        com.openai.models.chat.completions.ChatCompletionCreateParams chatParams =
                com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("m").addUserMessage("hi").build();
        assertThatThrownBy(() -> {
            try (var stream = openai.chat().completions().createStreaming(chatParams)) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aStreamBrokenByTheUpstreamEndsWithAnErrorTheSdkSurfaces() {
        primary.enqueue(FakeReply.ok().chunks(6).dropAfterEvents(3));
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", ""))
                .apiKey(KEY).maxRetries(0).timeout(Duration.ofSeconds(15)).build();
        MessageCreateParams params = MessageCreateParams.builder().model("m").maxTokens(50).addUserMessage("hi").build();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
                stream.stream().forEach(event -> { });
            }
        }).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aThousandMixedRequestsLeaveNoPermitBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int kind = i % 8;
            all.add(CompletableFuture.runAsync(() -> mixed(kind), pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        pool.shutdown();
        awaitGaugesAtZero();
        assertThat(GatewayFixture.recordCount(home, "error = 'upstream_timeout'")).as("timeouts were part of the mix")
                .isPositive();
        assertThat(GatewayFixture.recordCount(home, "error = 'client_cancelled'")).as("and client aborts").isPositive();
        // the next `limit` requests are all admitted at once
        primary.reset();
        primary.defaultReply(FakeReply.ok().holdUntilReleased());
        List<CompletableFuture<HttpResponse<String>>> next = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            next.add(http.sendAsync(chat("/nofb/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(primary.awaitRequests(LIMIT, Duration.ofSeconds(5))).hasSize(LIMIT);
        primary.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> call : next) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private void mixed(int kind) {
        try {
            switch (kind) {
                case 0 -> http.send(chat("/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
                case 1 -> http.send(chat("/nofb/v1/chat/completions", true), HttpResponse.BodyHandlers.ofString());
                case 2 -> http.send(HttpRequest.newBuilder(uri("/v1/chat/completions")).header("Authorization", "Bearer pg_wrong")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                case 3 -> http.send(chatTo("/v1/chat/completions", "not json"), HttpResponse.BodyHandlers.ofString());
                case 4 -> abortAfterHeaders();
                case 5 -> http.send(HttpRequest.newBuilder(uri("/v1/messages")).header("x-api-key", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":5,\"stream\":true}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                case 6 -> http.send(chat("/sleepy/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
                default -> http.send(chat("/nofb/v1/chat/completions", false), HttpResponse.BodyHandlers.ofString());
            }
        } catch (Exception e) {
            // refusals and aborted calls are part of the mix
        }
    }

    private void abortAfterHeaders() throws Exception {
        String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /nofb/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            if (ThreadLocalRandom.current().nextBoolean()) {
                socket.getInputStream().read();
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private HttpRequest chat(String path, boolean stream) {
        return chatTo(path, "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpRequest chatTo(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        try {
            return base.toURI().resolve(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (seen.indexOf(marker) >= 0) {
                return seen.toString();
            }
        }
        throw new AssertionError("stream ended before '" + marker + "': " + seen);
    }

    private static long gauge(String level, String name, String attribute) throws Exception {
        MBeanServerConnection server = jmx.getMBeanServerConnection();
        ObjectName objectName = new ObjectName("promptgate:type=Admission,context=\"ROOT\",level=" + level
                + ",name=" + ObjectName.quote(name));
        return ((Number) server.getAttribute(objectName, attribute)).longValue();
    }

    private static void awaitQueued(String provider, int queued) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gauge("provider", provider, "Queued") < queued) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(provider + " never had " + queued + " queued");
            }
            Thread.sleep(10);
        }
    }

    private static void awaitGaugesAtZero() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String[]> levels = List.of(new String[] {"provider", "limited"}, new String[] {"provider", "backup"},
                new String[] {"provider", "sleepy"},
                new String[] {"global", "global"}, new String[] {"key", "all-keys"});
        while (true) {
            List<String> busy = new ArrayList<>();
            for (String[] level : levels) {
                long inFlight = gauge(level[0], level[1], "InFlight");
                long queued = gauge(level[0], level[1], "Queued");
                if (inFlight != 0 || queued != 0) {
                    busy.add(level[1] + " inFlight=" + inFlight + " queued=" + queued);
                }
            }
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("permits left behind: " + busy);
            }
            Thread.sleep(50);
        }
    }
}
