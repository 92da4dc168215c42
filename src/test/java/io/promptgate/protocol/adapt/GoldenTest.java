package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every golden fixture under {@code src/test/resources/protocol/adapt}: input → translator →
 * compared structurally with the expected output. On a difference the actual output is written
 * to {@code target/golden-actual/<folder>/<case>} for review.
 */
class GoldenTest {

    static Stream<Golden.Case> anthropicRequests() {
        return Golden.jsonCases("anthropic-request-to-openai");
    }

    static Stream<Golden.Case> openAiRequests() {
        return Golden.jsonCases("openai-request-to-anthropic");
    }

    static Stream<Golden.Case> openAiResponses() {
        return Golden.jsonCases("openai-response-to-anthropic");
    }

    static Stream<Golden.Case> anthropicResponses() {
        return Golden.jsonCases("anthropic-response-to-openai");
    }

    static Stream<Golden.Case> openAiErrors() {
        return Golden.jsonCases("openai-error-to-anthropic");
    }

    static Stream<Golden.Case> anthropicErrors() {
        return Golden.jsonCases("anthropic-error-to-openai");
    }

    static Stream<Golden.Case> openAiStreams() {
        return Golden.streamCases("openai-stream-to-anthropic");
    }

    static Stream<Golden.Case> anthropicStreams() {
        return Golden.streamCases("anthropic-stream-to-openai");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicRequests")
    void anthropicRequestToOpenAi(Golden.Case c) {
        JsonNode json = c.json();
        JsonNode input = json.get("input");
        JsonNode before = input.deepCopy();
        JsonNode actual = AnthropicToOpenAiRequest.translate(Golden.object(input), Golden.options(json));
        assertMatches(c, json.get("expected"), actual);
        assertThat(input).as("input left unchanged").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiRequests")
    void openAiRequestToAnthropic(Golden.Case c) {
        JsonNode json = c.json();
        JsonNode input = json.get("input");
        JsonNode before = input.deepCopy();
        JsonNode actual = OpenAiToAnthropicRequest.translate(Golden.object(input), Golden.options(json));
        assertMatches(c, json.get("expected"), actual);
        assertThat(input).as("input left unchanged").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiResponses")
    void openAiResponseToAnthropic(Golden.Case c) {
        JsonNode json = c.json();
        checkResponse(c, json, OpenAiToAnthropicResponse.translate(inputBytes(json), model(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicResponses")
    void anthropicResponseToOpenAi(Golden.Case c) {
        JsonNode json = c.json();
        checkResponse(c, json, AnthropicToOpenAiResponse.translate(inputBytes(json), model(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiErrors")
    void openAiErrorToAnthropic(Golden.Case c) {
        JsonNode json = c.json();
        checkResponse(c, json, UpstreamErrors.openAiToAnthropic(json.get("status").intValue(), inputBytes(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicErrors")
    void anthropicErrorToOpenAi(Golden.Case c) {
        JsonNode json = c.json();
        checkResponse(c, json, UpstreamErrors.anthropicToOpenAi(json.get("status").intValue(), inputBytes(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiStreams")
    void openAiStreamToAnthropic(Golden.Case c) {
        JsonNode json = c.json();
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream(model(json), json.path("inputTokens").asLong(0));
        checkStream(c, json, stream::onEvent, stream::finish, stream::usage);
        assertThat(stream.isComplete()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicStreams")
    void anthropicStreamToOpenAi(Golden.Case c) {
        JsonNode json = c.json();
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream(model(json), json.path("includeUsage").asBoolean(false));
        checkStream(c, json, stream::onEvent, stream::finish, stream::usage);
        assertThat(stream.isComplete()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openAiStreams")
    void openAiStreamToAnthropicFedInSplitBytes(Golden.Case c) {
        JsonNode json = c.json();
        OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream(model(json), json.path("inputTokens").asLong(0));
        checkStreamSplit(c, stream::onEvent, stream::finish);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anthropicStreams")
    void anthropicStreamToOpenAiFedInSplitBytes(Golden.Case c) {
        JsonNode json = c.json();
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream(model(json), json.path("includeUsage").asBoolean(false));
        checkStreamSplit(c, stream::onEvent, stream::finish);
    }

    // ------------------------------------------------------------------------------------------

    // the upstream bytes cut at random places (inside lines, CRLFs and UTF-8 characters) and fed
    // through the SSE parser as the gateway does: the same events must come out
    private static void checkStreamSplit(Golden.Case c, Function<SseEvent, List<byte[]>> onEvent,
                                         java.util.function.Supplier<List<byte[]>> finish) {
        byte[] input = c.bytes(".in.sse");
        List<byte[]> produced = new ArrayList<>();
        io.promptgate.protocol.sse.SseParser parser = new io.promptgate.protocol.sse.SseParser(e -> produced.addAll(onEvent.apply(e)));
        java.util.Random random = new java.util.Random(c.name().hashCode());
        int i = 0;
        while (i < input.length) {
            int n = Math.min(input.length - i, 1 + random.nextInt(7));
            parser.feed(input, i, n);
            i += n;
        }
        parser.finish();
        produced.addAll(finish.get());
        List<SseEvent> actual = Golden.events(Golden.concat(produced));
        List<SseEvent> expected = Golden.events(c.bytes(".out.sse"));
        assertThat(actual).as("event count").hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(eventDifference(k, expected.get(k), actual.get(k))).isNull();
        }
    }


    static String model(JsonNode caseJson) {
        JsonNode model = caseJson.get("model");
        return model == null || model.isNull() ? null : model.textValue();
    }

    static byte[] inputBytes(JsonNode caseJson) {
        if (caseJson.has("inputText")) {
            return caseJson.get("inputText").textValue().getBytes(StandardCharsets.UTF_8);
        }
        return AdaptJson.bytes(caseJson.get("input"));
    }

    static TokenUsage expectedUsage(JsonNode caseJson) {
        JsonNode usage = caseJson.get("expectedUsage");
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(usage.path("input").asLong(), usage.path("output").asLong());
    }

    private static void checkResponse(Golden.Case c, JsonNode json, TranslatedResponse response) {
        assertMatches(c, json.get("expected"), Golden.parse(response.body()));
        assertThat(response.status()).as("status").isEqualTo(json.path("expectedStatus").asInt(200));
        assertThat(response.usage()).as("usage").isEqualTo(expectedUsage(json));
    }

    private static void checkStream(Golden.Case c, JsonNode json, Function<SseEvent, List<byte[]>> onEvent,
                                    java.util.function.Supplier<List<byte[]>> finish,
                                    java.util.function.Supplier<TokenUsage> usage) {
        List<byte[]> produced = new ArrayList<>();
        for (SseEvent event : Golden.events(c.bytes(".in.sse"))) {
            produced.addAll(onEvent.apply(event));
        }
        produced.addAll(finish.get());
        assertThat(finish.get()).as("a second finish() adds nothing").isEmpty();
        for (byte[] one : produced) {
            assertThat(Golden.events(one)).as("each returned element is one event: %s", Golden.utf8(one)).hasSize(1);
        }
        byte[] actualBytes = Golden.concat(produced);
        List<SseEvent> actual = Golden.events(actualBytes);
        if (!c.exists(".out.sse")) {
            fail(c + ": no expected .out.sse; actual written to " + c.writeActual(".out.sse", actualBytes).toAbsolutePath());
        }
        List<SseEvent> expected = Golden.events(c.bytes(".out.sse"));
        String diff = null;
        for (int i = 0; i < Math.min(actual.size(), expected.size()) && diff == null; i++) {
            diff = eventDifference(i, expected.get(i), actual.get(i));
        }
        if (diff == null && actual.size() != expected.size()) {
            diff = "expected " + expected.size() + " events, got " + actual.size();
        }
        if (diff != null) {
            fail(c + ": " + diff + "\nactual written to " + c.writeActual(".out.sse", actualBytes).toAbsolutePath());
        }
        assertThat(usage.get()).as("usage").isEqualTo(expectedUsage(json));
    }

    private static String eventDifference(int i, SseEvent expected, SseEvent actual) {
        if (!java.util.Objects.equals(expected.event(), actual.event())) {
            return "event " + i + ": expected name " + expected.event() + ", got " + actual.event() + " (" + actual.data() + ")";
        }
        JsonNode e = AdaptJson.parse(expected.data());
        JsonNode a = AdaptJson.parse(actual.data());
        if (e == null || a == null) {
            return expected.data().equals(actual.data()) ? null
                    : "event " + i + ": expected data " + expected.data() + ", got " + actual.data();
        }
        String diff = GoldenJson.difference(e, a);
        return diff == null ? null : "event " + i + " (" + expected.event() + "): " + diff + "\n  actual: " + actual.data();
    }

    private static void assertMatches(Golden.Case c, JsonNode expected, JsonNode actual) {
        if (expected == null) {
            fail(c + ": no \"expected\"; actual written to " + c.writeActual(".actual.json", Golden.pretty(actual)).toAbsolutePath());
        }
        String diff = GoldenJson.difference(expected, actual);
        if (diff != null) {
            fail(c + ": " + diff + "\nactual written to " + c.writeActual(".actual.json", Golden.pretty(actual)).toAbsolutePath());
        }
    }
}
