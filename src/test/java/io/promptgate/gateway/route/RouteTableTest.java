package io.promptgate.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.Protocol;
import io.promptgate.core.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static Route route(String name, String host, String path, Protocol protocol) {
        return new Route(0, name, host, path, protocol, "p", "model-" + name, null, null, null);
    }

    private static String match(RouteTable table, String host, String path, Protocol preferred) {
        Optional<Route> r = table.match(host, path, preferred);
        return r.map(Route::name).orElse(null);
    }

    @Test
    void exactHostBeatsSuffixBeatsAnyHost() {
        RouteTable table = new RouteTable(List.of(
                route("any", "*", "/v1/messages", Protocol.ANTHROPIC),
                route("suffix", "*.example.com", "/v1/messages", Protocol.ANTHROPIC),
                route("exact", "code.example.com", "/v1/messages", Protocol.ANTHROPIC)));

        assertThat(match(table, "code.example.com", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("exact");
        assertThat(match(table, "other.example.com", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("suffix");
        assertThat(match(table, "deep.other.example.com", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("suffix");
        assertThat(match(table, "example.com", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("any");
        assertThat(match(table, "elsewhere.org", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("any");
    }

    @Test
    void longerSuffixWins() {
        RouteTable table = new RouteTable(List.of(
                route("short", "*.com", "/x", Protocol.OPENAI),
                route("long", "*.example.com", "/x", Protocol.OPENAI)));
        assertThat(match(table, "a.example.com", "/x", Protocol.OPENAI)).isEqualTo("long");
        assertThat(match(table, "a.other.com", "/x", Protocol.OPENAI)).isEqualTo("short");
    }

    @Test
    void exactPathBeatsLongestPrefix() {
        RouteTable table = new RouteTable(List.of(
                route("root", "*", "/*", Protocol.OPENAI),
                route("v1", "*", "/v1/*", Protocol.OPENAI),
                route("chat", "*", "/v1/chat/*", Protocol.OPENAI),
                route("exact", "*", "/v1/chat/completions", Protocol.OPENAI)));

        assertThat(match(table, "h", "/v1/chat/completions", Protocol.OPENAI)).isEqualTo("exact");
        assertThat(match(table, "h", "/v1/chat/other", Protocol.OPENAI)).isEqualTo("chat");
        assertThat(match(table, "h", "/v1/embeddings", Protocol.OPENAI)).isEqualTo("v1");
        assertThat(match(table, "h", "/v1", Protocol.OPENAI)).isEqualTo("v1");
        assertThat(match(table, "h", "/v10/x", Protocol.OPENAI)).isEqualTo("root");
    }

    @Test
    void aMoreSpecificHostWinsEvenWithALessSpecificPath() {
        RouteTable table = new RouteTable(List.of(
                route("anyExact", "*", "/v1/messages", Protocol.ANTHROPIC),
                route("hostPrefix", "code.example.com", "/v1/*", Protocol.ANTHROPIC)));
        assertThat(match(table, "code.example.com", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("hostPrefix");
    }

    @Test
    void hostLevelWithoutMatchingPathFallsThrough() {
        RouteTable table = new RouteTable(List.of(
                route("hostOnly", "code.example.com", "/v1/messages", Protocol.ANTHROPIC),
                route("any", "*", "/v1/chat/completions", Protocol.OPENAI)));
        assertThat(match(table, "code.example.com", "/v1/chat/completions", Protocol.OPENAI)).isEqualTo("any");
    }

    @Test
    void protocolBreaksTiesOnTheSamePath() {
        RouteTable table = new RouteTable(List.of(
                route("oa", "*", "/v1/*", Protocol.OPENAI),
                route("an", "*", "/v1/*", Protocol.ANTHROPIC)));
        assertThat(match(table, "h", "/v1/messages", Protocol.ANTHROPIC)).isEqualTo("an");
        assertThat(match(table, "h", "/v1/chat/completions", Protocol.OPENAI)).isEqualTo("oa");
    }

    @Test
    void noMatchIsEmpty() {
        RouteTable table = new RouteTable(List.of(route("x", "a.example.com", "/v1/messages", Protocol.ANTHROPIC)));
        assertThat(table.match("b.example.com", "/v1/messages", Protocol.ANTHROPIC)).isEmpty();
        assertThat(table.match("a.example.com", "/v1/messages/other", Protocol.ANTHROPIC)).isEmpty();
    }

    @Test
    void modelsVisibleOnAHost() {
        RouteTable table = new RouteTable(List.of(
                route("a", "a.example.com", "/v1/messages", Protocol.ANTHROPIC),
                route("b", "b.example.com", "/v1/messages", Protocol.ANTHROPIC),
                route("s", "*.example.com", "/v1/chat/completions", Protocol.OPENAI),
                route("any", "*", "/v1/*", Protocol.OPENAI)));
        assertThat(table.modelsVisibleOn("a.example.com")).containsExactly("model-a", "model-s", "model-any");
        assertThat(table.modelsVisibleOn("other.org")).containsExactly("model-any");
    }

    @Test
    void hostNamesAreNormalised() {
        assertThat(HostNames.normalise("Code.Example.COM:3001")).isEqualTo("code.example.com");
        assertThat(HostNames.normalise("example.com.")).isEqualTo("example.com");
        assertThat(HostNames.normalise("[::1]:8080")).isEqualTo("[::1]");
        assertThat(HostNames.normalise(null)).isEmpty();
    }
}
