package io.promptgate.protocol.adapt;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translators' output read by the official SDKs' own model classes (anthropic-java,
 * openai-java): every golden input is translated and the result parsed and validated as a real
 * client would; streams are accumulated with the SDKs' accumulators. Proves the output is
 * well-formed for clients, with the stop reasons and usage the fixtures promise.
 */
class SdkParsingTest {

    private static final JsonMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();
    private static final JsonMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();

    // ---- requests ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#anthropicRequests")
    void translatedOpenAiRequestsAreValidCreateParams(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        ObjectNode body = AnthropicToOpenAiRequest.translate(Golden.object(json.get("input")), Golden.options(json));
        // validate() insists on a model the SDK knows; the model id is the route's business anyway
        body.put("model", "gpt-4o");
        ChatCompletionCreateParams.Body params = OPENAI.readValue(AdaptJson.bytes(body), ChatCompletionCreateParams.Body.class);
        params.validate();
        assertThat(params.messages()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#openAiRequests")
    void translatedAnthropicRequestsAreValidCreateParams(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        JsonNode body = OpenAiToAnthropicRequest.translate(Golden.object(json.get("input")), Golden.options(json));
        MessageCreateParams.Body params = ANTHROPIC.readValue(AdaptJson.bytes(body), MessageCreateParams.Body.class);
        params.validate();
        assertThat(params.maxTokens()).isPositive();
        assertThat(params.messages()).isNotEmpty();
    }

    // ---- whole responses --------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#openAiResponses")
    void translatedAnthropicMessagesParse(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        TranslatedResponse response = OpenAiToAnthropicResponse.translate(GoldenTest.inputBytes(json), GoldenTest.model(json));
        if (response.isError()) {
            assertThat(Golden.parse(response.body()).path("type").asText()).isEqualTo("error");
            return;
        }
        Message message = ANTHROPIC.readValue(response.body(), Message.class);
        message.validate();
        JsonNode expected = json.get("expected");
        assertThat(message.stopReason()).map(Object::toString).contains(expected.get("stop_reason").asText());
        assertThat(message.usage().inputTokens()).isEqualTo(expected.at("/usage/input_tokens").asLong());
        assertThat(message.usage().cacheReadInputTokens()).contains(expected.at("/usage/cache_read_input_tokens").asLong());
        assertThat(message.usage().outputTokens()).isEqualTo(expected.at("/usage/output_tokens").asLong());
        assertThat(message.content()).hasSize(expected.get("content").size());
        for (ContentBlock block : message.content()) {
            block.toolUse().ifPresent(toolUse -> assertThat(toolUse._input().asObject().isPresent()).as("tool input is an object").isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#anthropicResponses")
    void translatedChatCompletionsParse(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        TranslatedResponse response = AnthropicToOpenAiResponse.translate(GoldenTest.inputBytes(json), GoldenTest.model(json));
        if (response.isError()) {
            assertThat(Golden.parse(response.body()).at("/error/message").asText()).isNotEmpty();
            return;
        }
        ChatCompletion completion = OPENAI.readValue(response.body(), ChatCompletion.class);
        completion.validate();
        JsonNode expected = json.get("expected");
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason().toString()).isEqualTo(expected.at("/choices/0/finish_reason").asText());
        assertThat(completion.usage()).isPresent();
        assertThat(completion.usage().get().promptTokens()).isEqualTo(expected.at("/usage/prompt_tokens").asLong());
        assertThat(completion.usage().get().completionTokens()).isEqualTo(expected.at("/usage/completion_tokens").asLong());
        int toolCalls = expected.at("/choices/0/message/tool_calls").size();
        assertThat(choice.message().toolCalls().orElse(List.of())).hasSize(toolCalls);
        for (ChatCompletionMessageToolCall call : choice.message().toolCalls().orElse(List.of())) {
            assertThat(call.function()).isPresent();
        }
    }

    // ---- streams ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#openAiStreams")
    void translatedAnthropicStreamsAccumulate(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream(GoldenTest.model(json), json.path("inputTokens").asLong());
        List<SseEvent> out = run(c, stream::onEvent, stream::finish);
        if (out.stream().anyMatch(e -> "error".equals(e.event()))) {
            assertThat(out.get(out.size() - 1).event()).as("an error ends the stream").isEqualTo("error");
            return;
        }
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseEvent event : out) {
            RawMessageStreamEvent parsed = ANTHROPIC.readValue(event.data(), RawMessageStreamEvent.class);
            parsed.validate();
            assertThat(event.event()).as("event name matches its type").isEqualTo(typeOf(event));
            accumulator.accumulate(parsed);
        }
        Message message = accumulator.message();
        message.validate();
        JsonNode delta = lastOfType(out, "message_delta");
        assertThat(message.stopReason()).map(Object::toString).contains(delta.at("/delta/stop_reason").asText());
        assertThat(message.usage().outputTokens()).isEqualTo(stream.usage().outputTokens());
        if (stream.usage().inputTokens() > 0) {
            long cacheRead = message.usage().cacheReadInputTokens().orElse(0L);
            assertThat(message.usage().inputTokens() + cacheRead).as("input + cache read = the upstream's prompt tokens")
                    .isEqualTo(stream.usage().inputTokens());
        } else {
            assertThat(message.usage().inputTokens()).as("the estimate stays when the upstream reports none")
                    .isEqualTo(json.path("inputTokens").asLong());
        }
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(text -> assertThat(text.text()).as("no empty text block").isNotEmpty());
            block.toolUse().ifPresent(toolUse -> assertThat(toolUse._input().asObject().isPresent()).as("tool input accumulates to an object").isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promptgate.protocol.adapt.GoldenTest#anthropicStreams")
    void translatedOpenAiStreamsAccumulate(Golden.Case c) throws Exception {
        JsonNode json = c.json();
        boolean includeUsage = json.path("includeUsage").asBoolean();
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream(GoldenTest.model(json), includeUsage);
        List<SseEvent> out = run(c, stream::onEvent, stream::finish);
        if (out.stream().anyMatch(e -> e.data().startsWith("{\"error\""))) {
            assertThat(out.get(out.size() - 1).data()).as("an error ends the stream").startsWith("{\"error\"");
            return;
        }
        assertThat(out.get(out.size() - 1).data()).isEqualTo("[DONE]");
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (SseEvent event : out.subList(0, out.size() - 1)) {
            ChatCompletionChunk chunk = OPENAI.readValue(event.data(), ChatCompletionChunk.class);
            chunk.validate();
            accumulator.accumulate(chunk);
        }
        ChatCompletion completion = accumulator.chatCompletion();
        completion.validate();
        assertThat(completion.choices()).hasSize(1);
        if (includeUsage) {
            assertThat(completion.usage()).isPresent();
            assertThat(completion.usage().get().promptTokens()).isEqualTo(stream.usage().inputTokens());
            assertThat(completion.usage().get().completionTokens()).isEqualTo(stream.usage().outputTokens());
        } else {
            assertThat(completion.usage()).isEmpty();
        }
    }

    // ---- targeted checks ----------------------------------------------------------------------

    @Test
    void anthropicSdkSeesToolCallsStopReasonAndRealUsageFromAMessyOpenAiStream() throws Exception {
        Golden.Case c = new Golden.Case("openai-stream-to-anthropic", "text-then-parallel-tools",
                Golden.folderPath("openai-stream-to-anthropic"));
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("claude-sonnet-4-5", 70);
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseEvent event : run(c, stream::onEvent, stream::finish)) {
            accumulator.accumulate(ANTHROPIC.readValue(event.data(), RawMessageStreamEvent.class));
        }
        Message message = accumulator.message();
        assertThat(message.stopReason()).map(Object::toString).contains("tool_use");
        assertThat(message.content()).hasSize(3);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Checking both.");
        var first = message.content().get(1).toolUse().orElseThrow();
        var second = message.content().get(2).toolUse().orElseThrow();
        assertThat(first.id()).isEqualTo("call_1");
        assertThat(first.name()).isEqualTo("get_weather");
        assertThat(first._input().toString()).contains("Paris");
        assertThat(second.id()).isEqualTo("call_2");
        assertThat(second._input().toString()).contains("Rome");
        assertThat(message.usage().inputTokens()).isEqualTo(28);
        assertThat(message.usage().cacheReadInputTokens()).contains(32L);
        assertThat(message.usage().outputTokens()).isEqualTo(40);
    }

    @Test
    void openAiSdkSeesToolCallsAndUsageFromAnAnthropicStream() throws Exception {
        Golden.Case c = new Golden.Case("anthropic-stream-to-openai", "thinking-and-tools",
                Golden.folderPath("anthropic-stream-to-openai"));
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("gpt-4o", true);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<SseEvent> out = run(c, stream::onEvent, stream::finish);
        for (SseEvent event : out.subList(0, out.size() - 1)) {
            accumulator.accumulate(OPENAI.readValue(event.data(), ChatCompletionChunk.class));
        }
        ChatCompletion completion = accumulator.chatCompletion();
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).contains("Checking.");
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).function().orElseThrow().id()).isEqualTo("toolu_1");
        assertThat(calls.get(0).function().orElseThrow().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).function().orElseThrow().function().arguments()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(calls.get(1).function().orElseThrow().function().arguments()).isEqualTo("{\"tz\": \"CET\"}");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(260);
        assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(200L);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(80);
    }

    // ------------------------------------------------------------------------------------------

    private static List<SseEvent> run(Golden.Case c, java.util.function.Function<SseEvent, List<byte[]>> onEvent,
                                      java.util.function.Supplier<List<byte[]>> finish) {
        List<byte[]> produced = new ArrayList<>();
        for (SseEvent event : Golden.events(c.bytes(".in.sse"))) {
            produced.addAll(onEvent.apply(event));
        }
        produced.addAll(finish.get());
        return Golden.events(Golden.concat(produced));
    }

    private static String typeOf(SseEvent event) {
        return Golden.parse(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("type").asText();
    }

    private static JsonNode lastOfType(List<SseEvent> events, String type) {
        JsonNode found = null;
        for (SseEvent event : events) {
            if (type.equals(event.event())) {
                found = Golden.parse(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(found).as("a " + type + " event").isNotNull();
        return found;
    }
}
