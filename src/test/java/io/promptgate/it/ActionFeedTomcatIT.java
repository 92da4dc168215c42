package io.promptgate.it;

import static io.promptgate.it.AdminApiTomcatIT.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.testing.FakeUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live action-log feed ({@code /api/logs/stream}) over real HTTP on the shared Tomcat 11:
 * subscribers see gateway requests as they finish, users only their own, administrators also key
 * and login events; readers that never read hold up neither requests nor other readers.
 */
@ExtendWith(TomcatExtension.class)
class ActionFeedTomcatIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String ROUTE_PATH = "/feed-it/v1/chat/completions";

    static TomcatContainer tomcat;
    static FakeUpstream upstream;
    static String adminPassword;
    static ApiClient admin;
    static String annKey;
    static String benKey;
    static final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void setUp(TomcatContainer shared) {
        tomcat = shared;
        upstream = FakeUpstream.started();
        adminPassword = tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
        admin = new ApiClient(tomcat.baseUrl(), new ArrayList<>()).origin(null).basic("admin", adminPassword);
        assertThat(admin.patch("/api/settings", map("allowPrivateUpstreams", true)).status()).isEqualTo(200);
        assertThat(admin.post("/api/providers", map("name", "feed-upstream", "openaiBaseUrl", upstream.openaiBaseUrl(),
                "apiKeys", List.of("sk-feed-upstream-1"))).status()).isIn(201, 409);
        assertThat(admin.post("/api/routes", map("name", "feed-route", "path", ROUTE_PATH, "protocol", "openai",
                "provider", "feed-upstream", "model", "feed-model")).status()).isIn(201, 409);
        annKey = userWithKey("feed-ann");
        benKey = userWithKey("feed-ben");
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static String userWithKey(String name) {
        assertThat(admin.post("/api/users", map("username", name, "password", name + "-password-1", "role", "user")).status())
                .isIn(201, 409);
        ApiClient.Response key = admin.post("/api/keys", map("name", "feed-" + System.nanoTime(), "user", name));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.json().path("key").asText();
    }

    @Test
    void aSubscriberSeesItsOwnRequestsLiveButNeverAnotherUsers() throws Exception {
        Feed ann = subscribe("feed-ann", "feed-ann-password-1");
        Feed all = subscribe("admin", adminPassword);
        assertThat(ann.nextLine(WAIT)).as("a heartbeat comment opens the stream").isEqualTo(": keep-alive");

        String bens = chat(benKey);
        String anns = chat(annKey);
        JsonNode annSees = ann.awaitEvent(e -> e.path("line").asText().contains(anns));
        assertThat(annSees.path("kind").asText()).isEqualTo("request");
        assertThat(annSees.path("user").asText()).isEqualTo("feed-ann");
        assertThat(annSees.path("line").asText()).contains("INFO request done requestId=" + anns, "user=feed-ann",
                "route=feed-route", "status=200", "key=" + annKey.substring(0, 7)).doesNotContain(annKey);
        all.awaitEvent(e -> e.path("line").asText().contains(bens));
        all.awaitEvent(e -> e.path("line").asText().contains(anns));
        // events arrive in order: had ann been sent ben's line, it would have come before her own
        assertThat(ann.seen()).noneMatch(line -> line.contains(bens)).noneMatch(line -> line.contains("feed-ben"));

        JsonNode recent = new ApiClient(tomcat.baseUrl(), new ArrayList<>()).basic("feed-ann", "feed-ann-password-1")
                .get("/api/logs/recent?limit=50").json();
        assertThat(recent.path("events").findValuesAsText("user")).isNotEmpty().containsOnly("feed-ann");
    }

    @Test
    void administratorsAlsoSeeKeyAndLoginEventsWithoutSecrets() throws Exception {
        Feed all = subscribe("admin", adminPassword);
        Feed ann = subscribe("feed-ann", "feed-ann-password-1");
        ApiClient.Response created = admin.post("/api/keys", map("name", "feed-notice-key", "user", "feed-ann"));
        String key = created.json().path("key").asText();
        JsonNode event = all.awaitEvent(e -> e.path("line").asText().contains("target=feed-ann/feed-notice-key"));
        assertThat(event.path("kind").asText()).isEqualTo("notice");
        assertThat(event.path("line").asText()).contains("actor=admin", "target=feed-ann/feed-notice-key",
                "key=" + created.json().path("prefix").asText()).doesNotContain(key);
        assertThat(admin.patch("/api/keys/" + created.json().path("id").asLong(), map("enabled", false)).status()).isEqualTo(200);
        all.awaitEvent(e -> e.path("line").asText().contains("key disabled actor=admin target=feed-ann/feed-notice-key"));

        ApiClient wrong = new ApiClient(tomcat.baseUrl(), new ArrayList<>()).basic("feed-nobody", "wrong-password");
        assertThat(wrong.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(all.awaitEvent(e -> e.path("line").asText().contains("user=feed-nobody")).path("line").asText())
                .contains("WARN login failed user=feed-nobody").doesNotContain("wrong-password");

        String own = chat(annKey);
        ann.awaitEvent(e -> e.path("line").asText().contains(own));
        assertThat(ann.seen()).noneMatch(line -> line.contains("key created") || line.contains("login failed"));
    }

    @Test
    void readersThatNeverReadSlowNeitherRequestsNorOtherReaders() throws Exception {
        List<Socket> stuck = new ArrayList<>();
        waitOutLoginThrottle("admin", adminPassword);
        for (int i = 0; i < 4; i++) {
            stuck.add(neverReadingSubscriber());
        }
        Feed reader = subscribe("admin", adminPassword);
        List<String> ids = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            ids.add(chat(annKey));
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        assertThat(Duration.ofNanos(slowest)).as("slowest gateway request").isLessThan(Duration.ofSeconds(2));
        for (String id : ids) {
            reader.awaitEvent(e -> e.path("line").asText().contains(id));
        }
        assertThat(stuck).allSatisfy(s -> assertThat(s.isClosed()).isFalse());
    }

    @Test
    void theFeedNeedsALogin() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(tomcat.uri("/api/logs/stream")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\"").contains("\"code\"");
    }

    // ------------------------------------------------------------------ helpers

    String chat(String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tomcat.baseUrl() + ROUTE_PATH)).timeout(WAIT)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-request-id").orElseThrow();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until the login throttle lets {@code user} in again: failed logins (this class's and the
     * other container tests' on the shared Tomcat, all from 127.0.0.1) delay the next attempt (429).
     */
    void waitOutLoginThrottle(String user, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (http.send(HttpRequest.newBuilder(tomcat.uri("/api/auth/me")).header("Authorization", basic(user, password))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 429
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    Feed subscribe(String user, String password) throws Exception {
        waitOutLoginThrottle(user, password);
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(tomcat.uri("/api/logs/stream"))
                .header("Authorization", basic(user, password)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        Feed feed = new Feed(response.body());
        opened.add(feed);
        return feed;
    }

    /** A subscriber with a tiny receive window that sends its request and never reads a byte. */
    Socket neverReadingSubscriber() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", tomcat.port()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/logs/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: "
                + basic("admin", adminPassword) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        opened.add(socket);
        return socket;
    }

    /** An SSE response read line by line on its own thread. */
    static final class Feed implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private final Stream<String> body;
        private final Thread reader;

        Feed(Stream<String> body) {
            this.body = body;
            this.reader = new Thread(() -> {
                try {
                    body.forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        String nextLine(Duration timeout) throws InterruptedException {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
            }
            return line;
        }

        /** Reads until a data event matches, failing after {@link #WAIT}. */
        JsonNode awaitEvent(Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (line != null && line.startsWith("data: ")) {
                    JsonNode event = ApiClient.JSON.readTree(line.substring("data: ".length()));
                    if (wanted.test(event)) {
                        return event;
                    }
                }
            }
            throw new AssertionError("no matching event within " + WAIT + "; saw " + seen.size() + " lines, last: "
                    + (seen.isEmpty() ? "-" : seen.get(seen.size() - 1)));
        }

        List<String> seen() {
            return new ArrayList<>(seen);
        }

        @Override
        public void close() {
            body.close();
            reader.interrupt();
        }
    }
}
