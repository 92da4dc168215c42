package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginCheckTest {
    @Test
    void theOwnOriginLeavesDefaultPortsOutAndIgnoresCase() {
        assertThat(OriginCheck.ownOrigin("HTTPS", "Code.Example.com", 443)).isEqualTo("https://code.example.com");
        assertThat(OriginCheck.ownOrigin("http", "127.0.0.1", 3001)).isEqualTo("http://127.0.0.1:3001");
        assertThat(OriginCheck.originOf("https://code.example.com:443/console/keys?x=1")).isEqualTo("https://code.example.com");
        assertThat(OriginCheck.originOf("null")).isNull();
        assertThat(OriginCheck.originOf("not a url")).isNull();
    }

    @Test
    void originWinsOverRefererAndAbsenceIsReported() {
        assertThat(OriginCheck.check(request("POST", Map.of("Origin", "https://code.example.com"))))
                .isEqualTo(OriginCheck.Verdict.SAME);
        assertThat(OriginCheck.check(request("POST", Map.of("Origin", "https://evil.example",
                "Referer", "https://code.example.com/console")))).isEqualTo(OriginCheck.Verdict.FOREIGN);
        assertThat(OriginCheck.check(request("POST", Map.of("Referer", "https://code.example.com/console/x"))))
                .isEqualTo(OriginCheck.Verdict.SAME);
        assertThat(OriginCheck.check(request("POST", Map.of("Origin", "http://code.example.com"))))
                .as("another scheme is another origin").isEqualTo(OriginCheck.Verdict.FOREIGN);
        assertThat(OriginCheck.check(request("POST", Map.of("Origin", "https://code.example.com.evil.example"))))
                .isEqualTo(OriginCheck.Verdict.FOREIGN);
        assertThat(OriginCheck.check(request("POST", Map.of("Origin", "null")))).isEqualTo(OriginCheck.Verdict.FOREIGN);
        assertThat(OriginCheck.check(request("POST", Map.of()))).isEqualTo(OriginCheck.Verdict.ABSENT);
        assertThat(OriginCheck.isSafe(request("GET", Map.of()))).isTrue();
        assertThat(OriginCheck.isSafe(request("PATCH", Map.of()))).isFalse();
    }

    /** A request to https://code.example.com (port 443) with the given headers. */
    static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(OriginCheckTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getScheme" -> "https";
                    case "getServerName" -> "code.example.com";
                    case "getServerPort" -> 443;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
