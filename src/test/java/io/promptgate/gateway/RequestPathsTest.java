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

    @Test
    void reservedChecksFoldOnlyAsciiCase() {
        assertThat(RequestPaths.isReserved("/FAVICON.ICO")).isTrue();
        assertThat(RequestPaths.isReserved("/Web-Inf/web.xml")).isTrue();
        assertThat(RequestPaths.isReserved("/Jakarta.Faces.Resource/x.js")).isTrue();
        assertThat(RequestPaths.isReserved("/con\u017Fole")).isFalse(); // long s: no ASCII letter in disguise
        assertThat(RequestPaths.isReserved("/favicon.icox")).isFalse();
    }

    /** The shortcut for paths that need no work must give what the full normalisation gives. */
    @Test
    void canonicalPathsAreReturnedAsTheyAre() {
        for (String p : new String[] {"/", "/v1/messages", "/v1/chat/completions", "/a.b/c..d/.e/f.", "/v1/x+y", "/caf\u00e9"}) {
            assertThat(RequestPaths.isCanonical(p)).as(p).isTrue();
            assertThat(RequestPaths.normalise(p, "")).as(p).isSameAs(p);
        }
        for (String p : new String[] {"", "v1", "//", "/v1/", "/v1//x", "/./v1", "/v1/.", "/v1/..", "/v1/../x",
                "/v1;a", "/v1/%41", "/v1\\x", "/v1/\0"}) {
            assertThat(RequestPaths.isCanonical(p)).as(p).isFalse();
        }
        assertThat(RequestPaths.normalise("/v1/", "")).isEqualTo("/v1");
        assertThat(RequestPaths.normalise("/v1/.", "")).isEqualTo("/v1");
        assertThat(RequestPaths.normalise("/v1/x+y", "")).isEqualTo("/v1/x+y");
    }
}
