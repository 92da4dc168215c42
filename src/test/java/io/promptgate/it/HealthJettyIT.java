package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged WAR deploys into an embedded Jetty 12 (ee10) and answers its health check. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthJettyIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void healthzAnswersUpAsJson() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI healthz = base.toURI().resolve("/healthz");
        assertThat(healthz.getHost()).isEqualTo("127.0.0.1");

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(healthz).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"status\":\"UP\"");
        assertThat(ArquillianJettySupport.parentLast("ROOT.war"))
                .as("the WAR loads its own libraries first (ArquillianJettySupport registered)").isTrue();
    }
}
