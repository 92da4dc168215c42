package io.promptgate.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.Protocol;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamPathTest {
    @Test
    void openAiBaseCarriesItsVersion() {
        assertThat(UpstreamPath.resolve(URI.create("https://api.openai.com/v1"), Protocol.OPENAI, "/v1/chat/completions", null))
                .hasToString("https://api.openai.com/v1/chat/completions");
        assertThat(UpstreamPath.resolve(URI.create("http://h:9/compatible-mode/v1/"), Protocol.OPENAI, "/team/v1/chat/completions", null))
                .hasToString("http://h:9/compatible-mode/v1/chat/completions");
    }

    @Test
    void anthropicBaseHasNoVersion() {
        assertThat(UpstreamPath.resolve(URI.create("https://api.anthropic.com"), Protocol.ANTHROPIC, "/v1/messages", "beta=true"))
                .hasToString("https://api.anthropic.com/v1/messages?beta=true");
        assertThat(UpstreamPath.resolve(URI.create("http://h:9/"), Protocol.ANTHROPIC, "/v1/messages/count_tokens", null))
                .hasToString("http://h:9/v1/messages/count_tokens");
    }

    @Test
    void pathWithoutVersionGetsTheMainCall() {
        assertThat(UpstreamPath.resolve(URI.create("http://h/v1"), Protocol.OPENAI, "/chat", null))
                .hasToString("http://h/v1/chat/completions");
        assertThat(UpstreamPath.resolve(URI.create("http://h"), Protocol.ANTHROPIC, "/claude", null))
                .hasToString("http://h/v1/messages");
    }

    @Test
    void aPathIsParsedOncePerExitAndAQueryNeverKept() {
        URI base = URI.create("http://cache-test:9/v1");
        URI first = UpstreamPath.resolve(base, Protocol.OPENAI, "/v1/chat/completions", null);
        assertThat(UpstreamPath.resolve(base, Protocol.OPENAI, "/v1/chat/completions", null)).isSameAs(first);
        assertThat(UpstreamPath.resolve(URI.create("http://other:9/v1"), Protocol.OPENAI, "/v1/chat/completions", null))
                .hasToString("http://other:9/v1/chat/completions");
        assertThat(UpstreamPath.resolve(base, Protocol.OPENAI, "/v1/chat/completions", "a=1"))
                .hasToString("http://cache-test:9/v1/chat/completions?a=1");
        assertThat(UpstreamPath.resolve(base, Protocol.OPENAI, "/v1/chat/completions", null)).hasToString(first.toString());
    }

    @Test
    void manyDistinctPathsStillResolveEachToItsOwn() {
        URI base = URI.create("http://many:9");
        for (int i = 0; i < UpstreamPath.MAX_RESOLVED * 3; i++) {
            assertThat(UpstreamPath.resolve(base, Protocol.ANTHROPIC, "/v1/messages/" + i, null))
                    .hasToString("http://many:9/v1/messages/" + i);
        }
    }

    @Test
    void hopByHopIncludesConnectionNamedHeaders() {
        assertThat(HopByHopHeaders.forMessage(List.of())).contains("connection", "transfer-encoding", "upgrade");
        assertThat(HopByHopHeaders.forMessage(List.of("keep-alive, X-Secret-Hop", "close")))
                .contains("x-secret-hop", "close", "keep-alive", "te");
    }
}
