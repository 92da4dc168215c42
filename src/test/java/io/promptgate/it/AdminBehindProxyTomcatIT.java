package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API behind a TLS-terminating proxy, as documented: Tomcat 11 with the RemoteIpValve
 * of tomcat-conf/server.xml switched on, the test playing the proxy on 127.0.0.1 (which the valve
 * trusts) and saying {@code X-Forwarded-Proto: https} for the client's public Host. Cookies must
 * then be Secure, and the own origin is the public https one.
 */
class AdminBehindProxyTomcatIT {
    static final String PUBLIC_HOST = "admin.example.com";
    static final String PUBLIC_ORIGIN = "https://" + PUBLIC_HOST;

    static TomcatContainer tomcat;
    static String password;
    final List<String> transcript = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path work = ItPaths.freshWorkDir("admin-proxy");
        Map<String, String> env = SharedTomcat.defaultEnv();
        password = env.get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);
        tomcat = TomcatContainer.builder(TomcatVersion.TOMCAT_11).name("tomcat11-admin-proxy")
                .serverXml(serverXmlWithRemoteIpValve(work)).env(env).start();
    }

    @AfterAll
    static void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** tomcat-conf/server.xml with its documented RemoteIpValve switched on. */
    static Path serverXmlWithRemoteIpValve(Path work) throws Exception {
        String xml = Files.readString(ItPaths.tomcatConf().resolve("server.xml"));
        int valveStart = xml.indexOf("<Valve className=\"org.apache.catalina.valves.RemoteIpValve\"");
        int valveEnd = xml.indexOf("/>", valveStart) + 2;
        int commentEnd = xml.indexOf("-->", valveEnd) + 3;
        assertThat(valveStart).as("tomcat-conf/server.xml documents a RemoteIpValve").isPositive();
        Path file = work.resolve("server.xml");
        Files.writeString(file, xml.substring(0, commentEnd) + "\n      " + xml.substring(valveStart, valveEnd)
                + xml.substring(commentEnd));
        return file;
    }

    ApiClient viaProxy() {
        return new ApiClient(tomcat.baseUrl(), transcript).origin(PUBLIC_ORIGIN)
                .header("Host", PUBLIC_HOST).header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "198.51.100.7");
    }

    @Test
    void overHttpsTheCookiesAreSecureAndTheOwnOriginIsThePublicHttpsOne() {
        ApiClient.Response login = viaProxy().login("admin", password, true);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String session = login.setCookie("JSESSIONID").orElseThrow();
        assertThat(session).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(login.setCookie("promptgate_remember")).hasValueSatisfying(c -> assertThat(c).contains("; Secure"));

        // the client sends its cookie back over https (the JDK's cookie jar keeps Secure cookies off http)
        String cookie = session.substring(0, session.indexOf(';'));
        ApiClient browser = viaProxy().header("Cookie", cookie);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(browser.origin("http://" + PUBLIC_HOST).post("/api/keys", Map.of("name", "plain-http-origin")).status())
                .as("the http origin is another origin than the https one").isEqualTo(403);
        ApiClient.Response created = browser.origin(PUBLIC_ORIGIN).post("/api/keys", Map.of("name", "proxied"));
        assertThat(created.status()).isEqualTo(201);

        // the audit trail holds the client's address as the valve settled it
        ApiClient.Response audit = viaProxy().basic("admin", password).origin(null).get("/api/audit?action=login");
        assertThat(audit.json().path("items").get(0).path("detail").asText()).contains("198.51.100.7");
    }
}
