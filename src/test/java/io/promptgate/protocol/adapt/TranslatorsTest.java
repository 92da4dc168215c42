package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Mapping rules not worth a golden file, round trips, and inputs that must never throw. */
class TranslatorsTest {

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @ParameterizedTest
    @CsvSource({"1024,low", "4000,low", "8191,low", "8192,medium", "10000,medium", "24575,medium", "24576,high", "31999,high", "128000,high"})
    void thinkingBudgetThresholds(long budget, String effort) {
        assertThat(AnthropicToOpenAiRequest.reasoningEffort(budget)).isEqualTo(effort);
    }

    @Test
    void anthropicConversationSurvivesARoundTripThroughOpenAi() throws IOException {
        ObjectNode anthropic = json("""
                {"model":"m","max_tokens":300,"system":"Be brief.","temperature":0.5,"stop_sequences":["X"],
                 "metadata":{"user_id":"u1"},
                 "tools":[{"name":"read","description":"Read a file","input_schema":{"type":"object","properties":{"p":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"read","disable_parallel_tool_use":true},
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"Look"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},
                   {"role":"assistant","content":[{"type":"text","text":"Reading."},{"type":"tool_use","id":"toolu_1","name":"read","input":{"p":"a.txt"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"hello"},{"type":"text","text":"and?"}]}
                 ]}""");
        ObjectNode openAi = AnthropicToOpenAiRequest.translate(anthropic, RequestOptions.defaults());
        ObjectNode back = OpenAiToAnthropicRequest.translate(openAi, RequestOptions.defaults());
        assertThat(back.get("system").asText()).isEqualTo("Be brief.");
        assertThat(back.get("max_tokens").asLong()).isEqualTo(300);
        assertThat(back.get("temperature").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(back.get("stop_sequences")).isEqualTo(anthropic.get("stop_sequences"));
        assertThat(back.get("metadata")).isEqualTo(anthropic.get("metadata"));
        assertThat(back.get("tools")).isEqualTo(anthropic.get("tools"));
        assertThat(back.get("tool_choice")).isEqualTo(anthropic.get("tool_choice"));
        assertThat(back.get("messages")).isEqualTo(anthropic.get("messages"));
    }

    @Test
    void openAiResponseSurvivesARoundTripThroughAnthropic() throws IOException {
        byte[] openAi = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Sure.","tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":[1,2]}"}},
                   {"id":"call_2","type":"function","function":{"name":"g","arguments":"not json"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,"prompt_tokens_details":{"cached_tokens":60}}}
                """.getBytes(StandardCharsets.UTF_8);
        TranslatedResponse anthropic = OpenAiToAnthropicResponse.translate(openAi, "claude");
        TranslatedResponse back = AnthropicToOpenAiResponse.translate(anthropic.body(), "gpt");
        JsonNode original = Golden.parse(openAi);
        JsonNode result = Golden.parse(back.body());
        assertThat(result.at("/choices/0/message/content")).isEqualTo(original.at("/choices/0/message/content"));
        assertThat(result.at("/choices/0/message/tool_calls")).isEqualTo(original.at("/choices/0/message/tool_calls"));
        assertThat(result.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(result.get("usage")).isEqualTo(original.get("usage"));
        assertThat(anthropic.usage()).isEqualTo(new TokenUsage(100, 20)).isEqualTo(back.usage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "null", "[]", "\"text\"", "{}", "{\"choices\":\"x\"}", "{\"choices\":[]}", "{\"choices\":[null]}",
            "{\"choices\":[{\"message\":\"x\"}]}", "{\"choices\":[{\"message\":{\"tool_calls\":\"x\"}}]}",
            "{\"choices\":[{\"message\":{\"tool_calls\":[null,1,{\"function\":null}]}}]}",
            "{\"choices\":[{\"message\":{\"content\":[1,{\"text\":2}],\"refusal\":3}}],\"usage\":{\"prompt_tokens\":-1}}",
            "{\"error\":null}", "{\"error\":\"x\"}", "{\"error\":{}}", "{\"content\":[{\"type\":\"tool_use\"}]}",
            "{\"content\":[null,1,{\"type\":\"text\",\"text\":null}],\"usage\":\"x\"}", "{\"type\":\"error\"}",
            "{\"content\":\"x\"}", "\u00ff\u00fe"})
    void oddBodiesNeverThrow(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        assertThatCode(() -> {
            check(OpenAiToAnthropicResponse.translate(bytes, "m"));
            check(AnthropicToOpenAiResponse.translate(bytes, "m"));
            check(UpstreamErrors.openAiToAnthropic(500, bytes));
            check(UpstreamErrors.anthropicToOpenAi(500, bytes));
            check(UpstreamErrors.openAiToAnthropic(200, bytes));
            OpenAiToAnthropicStream a = new OpenAiToAnthropicStream("m", 1);
            java.util.List<byte[]> events = new java.util.ArrayList<>(a.onEvent(SseEvent.ofData(body)));
            events.addAll(a.onEvent(SseEvent.of("error", body)));
            events.addAll(a.finish());
            AnthropicStreamChecker.check(events);
            AnthropicToOpenAiStream o = new AnthropicToOpenAiStream("m", true);
            for (String name : new String[] {null, "message_start", "content_block_start", "content_block_delta", "message_delta", "error"}) {
                o.onEvent(new SseEvent(name, body, null));
            }
            o.finish();
        }).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "{\"messages\":\"x\"}", "{\"messages\":[null,1,{\"role\":1},{\"role\":\"user\"},{\"role\":\"user\",\"content\":5}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[null,1,{\"type\":\"tool_result\"},{\"type\":\"image\"},{\"type\":\"image\",\"source\":{\"type\":\"base64\"}},{\"type\":\"document\"}]}]}",
            "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\"},{\"type\":\"text\"}]},{\"role\":\"tool\"},{\"role\":\"assistant\",\"tool_calls\":[null,{}]}]}",
            "{\"system\":[1,{\"text\":2},null],\"max_tokens\":\"x\",\"stop_sequences\":\"x\",\"stop\":5,\"metadata\":3,\"user\":4}",
            "{\"tools\":[null,1,{\"name\":\"x\",\"input_schema\":{}},{\"function\":{}},{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":1}}],\"tool_choice\":{\"type\":\"tool\"}}",
            "{\"tools\":[{\"name\":\"x\",\"input_schema\":{}},{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":7,\"function\":3}}",
            "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"x\"},\"reasoning_effort\":5,\"max_completion_tokens\":-3}"})
    void oddRequestsNeverThrow(String body) throws IOException {
        ObjectNode request = json(body);
        assertThatCode(() -> {
            AnthropicToOpenAiRequest.translate(request, RequestOptions.defaults());
            OpenAiToAnthropicRequest.translate(request, RequestOptions.defaults());
            CountTokens.estimate(request);
        }).doesNotThrowAnyException();
    }

    @Test
    void openAiRequestWithoutAnyMaxTokensGetsTheDefault() throws IOException {
        ObjectNode request = json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}");
        assertThat(OpenAiToAnthropicRequest.translate(request, RequestOptions.defaults().withDefaultMaxTokens(123))
                .get("max_tokens").asLong()).isEqualTo(123);
    }

    @Test
    void includeUsageFlagIsReadFromTheCallersRequest() throws IOException {
        assertThat(OpenAiToAnthropicRequest.includeUsageRequested(json("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}"))).isTrue();
        assertThat(OpenAiToAnthropicRequest.includeUsageRequested(json("{\"stream\":true}"))).isFalse();
        assertThat(OpenAiToAnthropicRequest.includeUsageRequested(json("{\"stream_options\":{\"include_usage\":\"yes\"}}"))).isFalse();
    }

    @Test
    void anOpenAiErrorWithAnHttpStatusInItsCodeKeepsThatMeaning() {
        TranslatedResponse response = OpenAiToAnthropicResponse.translate(
                "{\"error\":{\"message\":\"no such model\",\"code\":404}}".getBytes(StandardCharsets.UTF_8), "m");
        assertThat(response.status()).isEqualTo(404);
        assertThat(Golden.parse(response.body()).at("/error/type").asText()).isEqualTo("not_found_error");
    }

    private static void check(TranslatedResponse response) {
        assertThat(response.status()).isBetween(200, 599);
        assertThat(Golden.parse(response.body()).isObject()).isTrue();
        assertThat(response.usage()).isNotNull();
    }
}
