package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shipped tomcat-conf files on a dedicated Tomcat 11: the example context descriptor installs
 * as conf/Catalina/localhost/ROOT.xml and the WAR still starts; a restart keeps the CATALINA_BASE
 * and the data directory. (Dedicated containers cost a start each: prefer {@link SharedTomcat}.)
 */
class TomcatConfIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void exampleContextDescriptorDeploysAndSurvivesARestart() throws Exception {
        try (TomcatContainer tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11)
                .name("tomcat11-context-xml")
                .contextXml(ItPaths.tomcatConf().resolve("context.xml"))
                .env(SharedTomcat.defaultEnv())
                .start()) {
            assertHealthy(tomcat);
            assertThat(tomcat.logText()).contains("Deploying deployment descriptor ["
                    + tomcat.catalinaBase().resolve("conf/Catalina/localhost/ROOT.xml") + "]");
            Files.writeString(tomcat.dataDir().resolve("marker"), "kept");

            tomcat.restart();

            assertHealthy(tomcat);
            assertThat(tomcat.dataDir().resolve("marker")).hasContent("kept");
            assertThat(tomcat.logText()).doesNotContain(tomcat.env().get(SharedTomcat.PROMPTGATE_SECRET_KEY));
        }
    }

    private void assertHealthy(TomcatContainer tomcat) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tomcat.uri("/healthz")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
