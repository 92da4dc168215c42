package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged WAR, deployed as ROOT.war into unmodified Tomcat 11 and Tomcat 10.1 distributions
 * with tomcat-conf/server.xml and setenv.sh, answers its health check on 127.0.0.1.
 */
@ExtendWith(TomcatExtension.class)
class HealthTomcatIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void healthzAnswersUpAsJson(TomcatVersion version) throws Exception {
        TomcatContainer tomcat = SharedTomcat.get(version);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tomcat.uri("/healthz")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    /**
     * A load balancer polls the health check every few seconds: each poll asks the database, but the
     * migration state (Flyway scanning the migrations and the history table, with a log line each
     * time) is read at most once a minute.
     */
    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void repeatedHealthChecksDoNotReReadTheMigrations(TomcatVersion version) throws Exception {
        TomcatContainer tomcat = SharedTomcat.get(version);
        HttpRequest healthz = HttpRequest.newBuilder(tomcat.uri("/healthz")).timeout(Duration.ofSeconds(10)).GET().build();
        assertThat(http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        long flywayLines = settledFlywayLines(tomcat); // that call may have re-read a state over a minute old

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.send(healthz, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"schemaVersion\":\"3\"", "\"pending\":0");
        }

        assertThat(settledFlywayLines(tomcat)).isEqualTo(flywayLines);
    }

    /** Flyway's lines once two counts 300 ms apart agree: part of the container's log is written asynchronously. */
    private static long settledFlywayLines(TomcatContainer tomcat) throws InterruptedException {
        long previous = -1;
        long count = flywayLines(tomcat.logText());
        for (int i = 0; i < 20 && count != previous; i++) {
            Thread.sleep(300);
            previous = count;
            count = flywayLines(tomcat.logText());
        }
        return count;
    }

    private static long flywayLines(String log) {
        return log.lines().filter(line -> line.contains("org.flywaydb")).count();
    }

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void runsTheRequestedDistributionOnLoopbackOnly(TomcatVersion version) {
        TomcatContainer tomcat = SharedTomcat.get(version);
        String log = tomcat.logText();

        assertThat(log).contains("Server version name:   Apache Tomcat/" + (version == TomcatVersion.TOMCAT_11 ? "11." : "10.1."));
        assertThat(log).contains("\"http-nio-127.0.0.1-" + tomcat.port() + "\"");
        assertThat(log).contains("Deploying web application archive [" + tomcat.catalinaBase().resolve("webapps/ROOT.war") + "]");
        // the WAR's META-INF/context.xml: only the JARs PromptGate needs are looked into (JarScanFilterIT)
        assertThat(log).doesNotContain("scanned for TLDs yet contained no TLDs");
    }

    /**
     * setenv.sh sizes the connector's pool to 4 threads per core, at least 8 (server.xml reads it),
     * and a burst of concurrent callers does not grow it past that.
     */
    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void containerThreadsAreAFewPerCore(TomcatVersion version) throws Exception {
        TomcatContainer tomcat = SharedTomcat.get(version);
        int expected = Math.max(8, 4 * Integer.parseInt(run("nproc").trim()));
        assertThat(tomcat.logText()).contains("Command line argument: -Dpromptgate.http.threads=" + expected + "\n");

        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // a client each: each caller has a connection of its own, as many SDK processes would
            burst.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(tomcat.uri("/healthz"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : burst) {
            assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        String threads = run(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(tomcat.pid()), "Thread.print");
        long exec = Pattern.compile("^\"http-nio-127\\.0\\.0\\.1-" + tomcat.port() + "-exec-\\d+\"", Pattern.MULTILINE)
                .matcher(threads).results().count();
        assertThat(exec).as("container threads after a burst of 100 callers").isBetween(1L, (long) expected);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void errorResponsesRevealNoServerDetails(TomcatVersion version) throws Exception {
        TomcatContainer tomcat = SharedTomcat.get(version);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tomcat.uri("/no-such-page-" + version.id())).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.body()).doesNotContain("Apache Tomcat").doesNotContain("Exception");
    }

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void secretsPassedAsEnvironmentStayOutOfTheLogs(TomcatVersion version) {
        TomcatContainer tomcat = SharedTomcat.get(version);

        assertThat(tomcat.logText())
                .doesNotContain(tomcat.env().get(SharedTomcat.PROMPTGATE_SECRET_KEY))
                .doesNotContain(tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD));
    }
}
