package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void runsTheRequestedDistributionOnLoopbackOnly(TomcatVersion version) {
        TomcatContainer tomcat = SharedTomcat.get(version);
        String log = tomcat.logText();

        assertThat(log).contains("Server version name:   Apache Tomcat/" + (version == TomcatVersion.TOMCAT_11 ? "11." : "10.1."));
        assertThat(log).contains("\"http-nio-127.0.0.1-" + tomcat.port() + "\"");
        assertThat(log).contains("Deploying web application archive [" + tomcat.catalinaBase().resolve("webapps/ROOT.war") + "]");
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
