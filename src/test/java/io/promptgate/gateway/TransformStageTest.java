package io.promptgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Protocol;
import io.promptgate.core.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformStageTest {
    static final Route OPENAI = new Route(1, "chat", "*", "/v1/chat/completions", Protocol.OPENAI, "p", "gpt-up", null, null, null);
    static final Route ANTHROPIC = new Route(2, "msg", "*", "/v1/messages", Protocol.ANTHROPIC, "p", "claude-up", null, null, null);
    static final GatewaySnapshot SNAPSHOT = new GatewaySnapshot(1, GatewaySettings.DEFAULTS, List.of(OPENAI, ANTHROPIC),
            Map.of(), Map.of(), List.of());

    private static Exchange exchange(Route route, String body) {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "POST", "h", route.path(), Map.of());
        exchange.route(route);
        exchange.clientBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    @Test
    void rewritesTheModelAndStripsFieldsThatCouldSteerTheUpstream() throws Exception {
        Exchange exchange = exchange(OPENAI, "{\"model\":\"client-model\",\"api_base\":\"http://evil\",\"base_url\":\"x\",\"messages\":[]}");
        assertThat(StageProbe.proceeds(new TransformStage(), exchange)).isTrue();
        assertThat(exchange.requestJson().path("model").asText()).isEqualTo("gpt-up");
        assertThat(exchange.requestJson().has("api_base")).isFalse();
        assertThat(exchange.requestJson().has("base_url")).isFalse();
        assertThat(exchange.stream()).isFalse();
    }

    @Test
    void openAiStreamsAskForUsageAndRememberWhetherTheCallerDid() throws Exception {
        Exchange silent = exchange(OPENAI, "{\"model\":\"m\",\"stream\":true}");
        StageProbe.proceeds(new TransformStage(), silent);
        assertThat(silent.requestJson().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(silent.callerWantsUsageChunk()).isFalse();

        Exchange asking = exchange(OPENAI, "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        StageProbe.proceeds(new TransformStage(), asking);
        assertThat(asking.callerWantsUsageChunk()).isTrue();
    }

    @Test
    void anthropicStreamsAreLeftAsTheyAre() throws Exception {
        Exchange exchange = exchange(ANTHROPIC, "{\"model\":\"m\",\"stream\":true,\"max_tokens\":5}");
        StageProbe.proceeds(new TransformStage(), exchange);
        assertThat(exchange.stream()).isTrue();
        assertThat(exchange.requestJson().has("stream_options")).isFalse();
        assertThat(exchange.requestJson().path("model").asText()).isEqualTo("claude-up");
    }

    @Test
    void bodiesThatAreNotJsonObjectsAre400() {
        for (String body : List.of("", "nope", "[]", "{\"a\":", "{} trailing")) {
            assertThatThrownBy(() -> StageProbe.proceeds(new TransformStage(), exchange(ANTHROPIC, body)))
                    .as("body %s", body)
                    .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        }
    }
}
