package io.promptgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathsTest {
    @Test
    void normalisesOnce() {
        assertThat(RequestPaths.normalise("/v1//messages", "")).isEqualTo("/v1/messages");
        assertThat(RequestPaths.normalise("/v1/./x/../messages", "")).isEqualTo("/v1/messages");
        assertThat(RequestPaths.normalise("/v1;jsessionid=1/messages;x", "")).isEqualTo("/v1/messages");
        assertThat(RequestPaths.normalise("/v1/%6Dessages", "")).isEqualTo("/v1/messages");
        assertThat(RequestPaths.normalise("/ctx/v1/messages", "/ctx")).isEqualTo("/v1/messages");
        assertThat(RequestPaths.normalise("/", "")).isEqualTo("/");
        assertThat(RequestPaths.normalise("/../../etc", "")).isEqualTo("/etc");
    }

    @Test
    void refusesPathsThatCannotBeValid() {
        assertThat(RequestPaths.normalise("/v1/%00x", "")).isNull();
        assertThat(RequestPaths.normalise("/v1/%zz", "")).isNull();
        assertThat(RequestPaths.normalise("/v1\\x", "")).isNull();
    }

    @Test
    void reservedPathsWhateverTheSpelling() {
        assertThat(RequestPaths.isReserved("/api")).isTrue();
        assertThat(RequestPaths.isReserved("/api/users")).isTrue();
        assertThat(RequestPaths.isReserved("/API/users")).isTrue();
        assertThat(RequestPaths.isReserved(RequestPaths.normalise("/v1/../api/users", ""))).isTrue();
        assertThat(RequestPaths.isReserved(RequestPaths.normalise("//api//users", ""))).isTrue();
        assertThat(RequestPaths.isReserved(RequestPaths.normalise("/%61pi/users", ""))).isTrue();
        assertThat(RequestPaths.isReserved("/console/index.xhtml")).isTrue();
        assertThat(RequestPaths.isReserved("/healthz")).isTrue();
        assertThat(RequestPaths.isReserved("/metrics")).isTrue();
        assertThat(RequestPaths.isReserved("/")).isTrue();
        assertThat(RequestPaths.isReserved("/apiary")).isFalse();
        assertThat(RequestPaths.isReserved("/v1/messages")).isFalse();
    }
}
