package io.promptgate.it;

import static io.promptgate.it.GatewayFixture.ALICE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented deployment for real: Caddy (the Debian package) in front of the WAR in a real
 * Tomcat 11 whose server.xml has the RemoteIpValve trusting only the loopback proxy. Clients talk
 * from other loopback addresses (127.0.0.2, 127.0.0.3) so the addresses can be told apart.
 */
class CaddyTomcatIT {
    private static GatewayFixture fixture;
    private static TomcatContainer tomcat;
    private static Process caddy;
    private static int caddyPort;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture("caddy");
        Path work = ItPaths.freshWorkDir("caddy");
        tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11).name("tomcat11-caddy")
                .serverXml(serverXmlWithRemoteIpValve(work))
                .env("PROMPTGATE_CONFIG", fixture.configFile().toString())
                .start();
        caddyPort = FreePorts.find();
        Path caddyfile = work.resolve("Caddyfile");
        Files.writeString(caddyfile, """
                {
                	admin off
                	auto_https off
                }
                :%d {
                	bind 127.0.0.1
                	reverse_proxy 127.0.0.1:%d {
                		flush_interval -1
                	}
                }
                """.formatted(caddyPort, tomcat.port()));
        caddy = new ProcessBuilder("caddy", "run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(work.resolve("caddy.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", caddyPort)) {
                break;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline || !caddy.isAlive()) {
                    throw new AssertionError("caddy did not start: " + Files.readString(work.resolve("caddy.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** tomcat-conf/server.xml with its documented RemoteIpValve switched on. */
    private static Path serverXmlWithRemoteIpValve(Path work) throws Exception {
        String xml = Files.readString(ItPaths.tomcatConf().resolve("server.xml"));
        int valveStart = xml.indexOf("<Valve className=\"org.apache.catalina.valves.RemoteIpValve\"");
        int valveEnd = xml.indexOf("/>", valveStart) + 2;
        int commentEnd = xml.indexOf("-->", valveEnd) + 3;
        assertThat(valveStart).as("tomcat-conf/server.xml documents a RemoteIpValve").isPositive();
        String enabled = xml.substring(0, commentEnd) + "\n      " + xml.substring(valveStart, valveEnd) + xml.substring(commentEnd);
        Path file = work.resolve("server.xml");
        Files.writeString(file, enabled);
        return file;
    }

    @AfterAll
    static void stop() throws Exception {
        if (caddy != null) {
            caddy.destroy();
            caddy.waitFor(10, TimeUnit.SECONDS);
            caddy.destroyForcibly();
        }
        if (tomcat != null) {
            tomcat.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    /** One HTTP/1.1 exchange from a chosen local address; returns the response lines as they arrived, with arrival times. */
    private static List<String> exchange(String from, int port, String host, String path, Map<String, String> headers,
                                         String body, List<Long> arrivals) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n").append(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            long started = System.nanoTime();
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                if (arrivals != null) {
                    arrivals.add(System.nanoTime() - started);
                }
            }
            return lines;
        }
    }

    private static String requestId(List<String> lines) {
        return lines.stream().filter(l -> l.toLowerCase().startsWith("x-request-id:")).findFirst().orElseThrow()
                .substring("x-request-id:".length()).trim();
    }

    private static final String MESSAGE = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void hostBasedRoutingWorksThroughCaddy() throws Exception {
        List<String> lines = exchange("127.0.0.2", caddyPort, "code.example.com", "/v1/messages",
                Map.of("x-api-key", ALICE_KEY), MESSAGE, null);
        assertThat(lines.get(0)).contains(" 200");
        assertThat(fixture.upstream().lastRequest().model()).isEqualTo("claude-code-model");
        assertThat(GatewayFixture.awaitRecord(tomcat.dataDir(), requestId(lines), Duration.ofSeconds(10)))
                .containsEntry("host", "code.example.com").containsEntry("route", "code-messages");
    }

    @Test
    void eventsArriveOneByOneThroughCaddy() throws Exception {
        fixture.upstream().enqueue(FakeReply.ok().text("one two three four five six").chunks(6).chunkGapMs(300));
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = exchange("127.0.0.2", caddyPort, "gateway.example.org", "/v1/messages",
                Map.of("x-api-key", ALICE_KEY), MESSAGE.replace("\"max_tokens\":10", "\"max_tokens\":10,\"stream\":true"), arrivals);
        int firstDelta = -1;
        int stop = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (firstDelta < 0 && lines.get(i).contains("content_block_delta")) {
                firstDelta = i;
            }
            if (lines.get(i).contains("message_stop")) {
                stop = i;
            }
        }
        assertThat(firstDelta).isPositive();
        assertThat(stop).isGreaterThan(firstDelta);
        assertThat(arrivals.get(stop) - arrivals.get(firstDelta))
                .as("the first event came well before the stream ended: Caddy did not buffer")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1_000));
    }

    @Test
    void clientAddressesComeFromXForwardedForOnlyThroughTheTrustedProxy() throws Exception {
        List<String> viaCaddy = exchange("127.0.0.2", caddyPort, "gateway.example.org", "/v1/messages",
                Map.of("x-api-key", ALICE_KEY, "X-Forwarded-For", "203.0.113.9"), MESSAGE, null);
        assertThat(GatewayFixture.awaitRecord(tomcat.dataDir(), requestId(viaCaddy), Duration.ofSeconds(10)))
                .as("Caddy replaces a client's own X-Forwarded-For; Tomcat trusts Caddy's")
                .containsEntry("client_ip", "127.0.0.2");

        List<String> direct = exchange("127.0.0.3", tomcat.port(), "gateway.example.org", "/v1/messages",
                Map.of("x-api-key", ALICE_KEY, "X-Forwarded-For", "203.0.113.9"), MESSAGE, null);
        assertThat(GatewayFixture.awaitRecord(tomcat.dataDir(), requestId(direct), Duration.ofSeconds(10)))
                .as("a forged header from an untrusted peer is ignored")
                .containsEntry("client_ip", "127.0.0.3");
    }
}
