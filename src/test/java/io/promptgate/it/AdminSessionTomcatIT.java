package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin API's session handling on both supported Tomcat lines (the shared containers): the
 * session cookie's flags come from web.xml, which each container applies itself.
 */
@ExtendWith(TomcatExtension.class)
class AdminSessionTomcatIT {
    private final List<String> transcript = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(TomcatVersion.class)
    void loginGivesAStrictHttpOnlySessionAndTheApiAnswersThroughShiroAndJersey(TomcatVersion version) {
        TomcatContainer tomcat = SharedTomcat.get(version);
        String password = tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
        ApiClient browser = new ApiClient(tomcat.baseUrl(), transcript);

        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);
        ApiClient.Response login = browser.login("admin", password);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.setCookie("JSESSIONID")).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain("Secure"));
        assertThat(browser.get("/api/auth/me").json().path("username").asText()).isEqualTo("admin");
        assertThat(browser.get("/api/users;x").errorCode()).isEqualTo("invalid_path");

        String key = "session-" + version.id();
        assertThat(browser.origin("http://evil.example").post("/api/keys", Map.of("name", key)).status()).isEqualTo(403);
        ApiClient.Response created = browser.origin(tomcat.baseUrl()).post("/api/keys", Map.of("name", key));
        assertThat(created.status()).isEqualTo(201);
        assertThat(browser.delete("/api/keys/" + created.json().path("id").asLong()).status()).isEqualTo(204);

        assertThat(browser.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(tomcat.logText()).doesNotContain(password);
    }
}
