package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI → Anthropic stream state machine on split, odd and out-of-order chunk sequences. */
class OpenAiToAnthropicStreamTest {

    private final OpenAiToAnthropicStream stream = new OpenAiToAnthropicStream("claude-x", 100);
    private final List<byte[]> out = new ArrayList<>();

    // ---- chunk builders ----------------------------------------------------------------------

    private static ObjectNode chunk() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", "chatcmpl-t");
        chunk.put("object", "chat.completion.chunk");
        return chunk;
    }

    private static ObjectNode delta(ObjectNode chunk) {
        ArrayNode choices = chunk.withArrayProperty("choices");
        ObjectNode choice = choices.isEmpty() ? choices.addObject().put("index", 0) : (ObjectNode) choices.get(0);
        return choice.withObjectProperty("delta");
    }

    private static SseEvent text(String text) {
        ObjectNode chunk = chunk();
        delta(chunk).put("content", text);
        return event(chunk);
    }

    private static SseEvent reasoning(String text) {
        ObjectNode chunk = chunk();
        delta(chunk).put("reasoning_content", text);
        return event(chunk);
    }

    private static SseEvent tool(int index, String id, String name, String arguments) {
        ObjectNode chunk = chunk();
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        if (arguments != null) {
            function.put("arguments", arguments);
        }
        return event(chunk);
    }

    private static SseEvent finish(String reason) {
        ObjectNode chunk = chunk();
        delta(chunk);
        ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason", reason);
        return event(chunk);
    }

    private static SseEvent usage(long prompt, long completion, long cached) {
        ObjectNode chunk = chunk();
        chunk.putArray("choices");
        ObjectNode usage = chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return event(chunk);
    }

    private static SseEvent done() {
        return SseEvent.ofData("[DONE]");
    }

    private static SseEvent event(ObjectNode chunk) {
        return SseEvent.ofData(AdaptJson.string(chunk));
    }

    private List<byte[]> feed(SseEvent... events) {
        List<byte[]> now = new ArrayList<>();
        for (SseEvent event : events) {
            now.addAll(stream.onEvent(event));
        }
        out.addAll(now);
        return now;
    }

    private AnthropicStreamChecker.Result end() {
        out.addAll(stream.finish());
        return AnthropicStreamChecker.check(out);
    }

    private static List<String> types(List<byte[]> events) {
        List<String> types = new ArrayList<>();
        for (byte[] e : events) {
            types.add(Golden.events(e).get(0).event());
        }
        return types;
    }

    // ---- split and odd sequences -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void textSplitAnywhereIsOneTextBlock(long seed) {
        String text = "The quick brown fox — jumps over the lazy dog. 🦊 Ünïcödé\nsecond line";
        Random random = new Random(seed);
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + 1 + random.nextInt(5));
            feed(text(text.substring(i, end)));
            if (random.nextInt(4) == 0) {
                feed(text("")); // empty content chunks in between
            }
            i = end;
        }
        feed(finish("stop"), usage(10, 20, 0), done());
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).hasSize(1);
        assertThat(result.blocks().get(0).content()).isEqualTo(text);
        assertThat(result.stopReason()).isEqualTo("end_turn");
    }

    @Test
    void aCharacterSplitBetweenTwoChunksArrivesWhole() {
        feed(text("fox \ud83e"), text("\udd8a!"), tool(0, "c", "say", "{\"e\":\"\ud83e"), tool(0, null, null, "\udd8a\"}"),
                finish("tool_calls"));
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks().get(0).content()).isEqualTo("fox \ud83e\udd8a!");
        assertThat(result.blocks().get(1).content()).isEqualTo("{\"e\":\"\ud83e\udd8a\"}");
    }

    @Test
    void toolArgumentsSplitAtEveryPositionAccumulateToTheSameJson() {
        String arguments = "{\"path\":\"src/a b.txt\",\"lines\":[1,2,3],\"note\":\"ünï\"}";
        for (int cut = 0; cut <= arguments.length(); cut++) {
            OpenAiToAnthropicStream s = new OpenAiToAnthropicStream("m", 1);
            List<byte[]> events = new ArrayList<>();
            events.addAll(s.onEvent(tool(0, "call_1", "read", "")));
            events.addAll(s.onEvent(tool(0, null, null, arguments.substring(0, cut))));
            events.addAll(s.onEvent(tool(0, null, null, arguments.substring(cut))));
            events.addAll(s.onEvent(finish("tool_calls")));
            events.addAll(s.finish());
            AnthropicStreamChecker.Result result = AnthropicStreamChecker.check(events);
            assertThat(result.blocks()).hasSize(1);
            AnthropicStreamChecker.Block block = result.blocks().get(0);
            assertThat(block.type()).isEqualTo("tool_use");
            assertThat(block.id()).isEqualTo("call_1");
            assertThat(block.name()).isEqualTo("read");
            assertThat(Golden.parse(block.content().getBytes())).isEqualTo(Golden.parse(arguments.getBytes()));
            assertThat(result.stopReason()).isEqualTo("tool_use");
        }
    }

    @Test
    void toolCallsInterleavedWithTextBecomeBlocksInArrivalOrder() {
        feed(text("Let me read a."), tool(0, "call_a", "read", "{\"p\":\"a\"}"), text("Now b."),
                tool(1, "call_b", "read", "{\"p\":"), tool(1, null, null, "\"b\"}"), finish("tool_calls"), usage(50, 30, 0));
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::type)
                .containsExactly("text", "tool_use", "text", "tool_use");
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::content)
                .containsExactly("Let me read a.", "{\"p\":\"a\"}", "Now b.", "{\"p\":\"b\"}");
        assertThat(result.blocks().get(3).id()).isEqualTo("call_b");
    }

    @Test
    void eachToolIndexIsItsOwnBlock() {
        for (int i = 0; i < 3; i++) {
            feed(tool(i, "call_" + i, "t" + i, ""));
            feed(tool(i, null, null, "{\"i\":"));
            feed(tool(i, null, null, i + "}"));
        }
        feed(finish("tool_calls"), usage(1, 2, 0), done());
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            AnthropicStreamChecker.Block block = result.blocks().get(i);
            assertThat(block.id()).isEqualTo("call_" + i);
            assertThat(block.name()).isEqualTo("t" + i);
            assertThat(block.content()).isEqualTo("{\"i\":" + i + "}");
        }
    }

    @Test
    void severalToolCallsInOneChunkOpenOneBlockEach() {
        ObjectNode chunk = chunk();
        ArrayNode calls = delta(chunk).putArray("tool_calls");
        calls.addObject().put("index", 0).put("id", "c0").putObject("function").put("name", "a").put("arguments", "{}");
        calls.addObject().put("index", 1).put("id", "c1").putObject("function").put("name", "b").put("arguments", "{\"x\":1}");
        ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason", "tool_calls");
        feed(event(chunk), done());
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::name).containsExactly("a", "b");
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::content).containsExactly("{}", "{\"x\":1}");
    }

    @Test
    void aLateFragmentOfAClosedToolIsDroppedAndTheStreamStaysWellFormed() {
        feed(tool(0, "c0", "a", "{\"x\":"), tool(1, "c1", "b", "{}"), tool(0, null, null, "1}"), finish("tool_calls"));
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::id).containsExactly("c0", "c1");
        assertThat(result.blocks().get(0).content()).isEqualTo("{\"x\":");
    }

    @Test
    void thinkingTextAndToolsSwitchBlocks() {
        feed(reasoning("hmm "), reasoning("ok"), text("Answer:"), reasoning("again"), tool(0, "c", "t", "{}"), finish("stop"));
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).extracting(AnthropicStreamChecker.Block::type)
                .containsExactly("thinking", "text", "thinking", "tool_use");
        assertThat(result.blocks().get(0).content()).isEqualTo("hmm ok");
        assertThat(result.stopReason()).as("finish stop with a tool call").isEqualTo("tool_use");
    }

    @Test
    void emptyAndNullContentNeverOpenABlock() {
        ObjectNode role = chunk();
        delta(role).put("role", "assistant").put("content", "");
        ObjectNode nullContent = chunk();
        delta(nullContent).putNull("content").putNull("reasoning_content").putNull("tool_calls");
        feed(event(role), event(nullContent), text(""), finish("stop"), done());
        AnthropicStreamChecker.Result result = end();
        assertThat(result.blocks()).isEmpty();
        assertThat(result.stopReason()).isEqualTo("end_turn");
    }

    @Test
    void messageStartComesOnceWithTheModelAndTheEstimate() {
        List<byte[]> first = feed(text("a"));
        assertThat(types(first)).containsExactly("message_start", "content_block_start", "content_block_delta");
        AnthropicStreamChecker.Result result = end();
        assertThat(result.messageStart().path("model").asText()).isEqualTo("claude-x");
        assertThat(result.messageStart().path("id").asText()).isEqualTo("msg_chatcmpl-t");
        assertThat(result.messageStart().at("/usage/input_tokens").asLong()).isEqualTo(100);
    }

    // ---- usage and the held stop reason --------------------------------------------------------

    @Test
    void stopReasonIsHeldUntilTheUsageChunkThatFollowsTheFinish() {
        feed(text("hi"));
        List<byte[]> atFinish = feed(finish("length"));
        assertThat(types(atFinish)).as("the finish closes the block, nothing more").containsExactly("content_block_stop");
        List<byte[]> atUsage = feed(usage(30, 7, 10));
        assertThat(types(atUsage)).containsExactly("message_delta", "message_stop");
        assertThat(feed(done())).isEmpty();
        AnthropicStreamChecker.Result result = end();
        assertThat(result.stopReason()).isEqualTo("max_tokens");
        assertThat(result.messageDeltaUsage().path("input_tokens").asLong()).isEqualTo(20);
        assertThat(result.messageDeltaUsage().path("cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(result.messageDeltaUsage().path("output_tokens").asLong()).isEqualTo(7);
        assertThat(stream.usage()).isEqualTo(new TokenUsage(30, 7));
    }

    @Test
    void usageBeforeTheFinishWaitsForTheEndOfTheStream() {
        feed(usage(12, 0, 0), text("x"), usage(12, 1, 0));
        List<byte[]> atFinish = feed(finish("stop"));
        assertThat(types(atFinish)).containsExactly("content_block_stop");
        List<byte[]> atDone = feed(done());
        assertThat(types(atDone)).containsExactly("message_delta", "message_stop");
        AnthropicStreamChecker.Result result = end();
        assertThat(result.messageDeltaUsage().path("output_tokens").asLong()).isEqualTo(1);
        assertThat(stream.usage()).isEqualTo(new TokenUsage(12, 1));
    }

    @Test
    void noDoneAndNoFinishReasonIsCompletedByFinish() {
        feed(text("abc"));
        assertThat(stream.isComplete()).isFalse();
        List<byte[]> rest = stream.finish();
        out.addAll(rest);
        assertThat(types(rest)).containsExactly("content_block_stop", "message_delta", "message_stop");
        AnthropicStreamChecker.Result result = AnthropicStreamChecker.check(out);
        assertThat(result.stopReason()).isEqualTo("end_turn");
        assertThat(stream.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void usageAfterTheMessageEndedIsStillRecorded() {
        feed(text("x"), finish("stop"), usage(5, 1, 0));
        assertThat(stream.isComplete()).isTrue();
        assertThat(feed(usage(5, 3, 0))).isEmpty();
        assertThat(stream.usage()).isEqualTo(new TokenUsage(5, 3));
        AnthropicStreamChecker.check(out);
    }

    @Test
    void otherChoicesAreIgnored() {
        ObjectNode chunk = chunk();
        ArrayNode choices = chunk.putArray("choices");
        choices.addObject().put("index", 1).putObject("delta").put("content", "second");
        choices.addObject().put("index", 0).putObject("delta").put("content", "first");
        feed(event(chunk), finish("stop"));
        assertThat(end().blocks()).extracting(AnthropicStreamChecker.Block::content).containsExactly("first");
    }

    // ---- errors --------------------------------------------------------------------------------

    @Test
    void gatewayErrorAfterTheStartIsATerminalAnthropicErrorEvent() {
        feed(text("par"));
        byte[] error = stream.error(ErrorKind.UPSTREAM_TIMEOUT, "upstream timed out");
        out.add(error);
        SseEvent event = Golden.events(error).get(0);
        assertThat(event.event()).isEqualTo("error");
        JsonNode data = Golden.parse(event.data().getBytes());
        assertThat(data.path("type").asText()).isEqualTo("error");
        assertThat(data.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(data.at("/error/message").asText()).isEqualTo("upstream timed out");
        assertThat(stream.finish()).isEmpty();
        assertThat(feed(text("more"))).isEmpty();
        assertThat(AnthropicStreamChecker.check(out).error()).isNotNull();
    }

    @Test
    void upstreamErrorChunkTypesMapToAnthropicTypes() {
        OpenAiToAnthropicStream s = new OpenAiToAnthropicStream("m", 1);
        List<byte[]> events = s.onEvent(SseEvent.ofData("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
        JsonNode data = Golden.parse(Golden.events(events.get(0)).get(0).data().getBytes());
        assertThat(data.at("/error/type").asText()).isEqualTo("rate_limit_error");
        OpenAiToAnthropicStream t = new OpenAiToAnthropicStream("m", 1);
        events = t.onEvent(SseEvent.ofData("{\"error\":{\"message\":\"bad\",\"code\":400}}"));
        data = Golden.parse(Golden.events(events.get(0)).get(0).data().getBytes());
        assertThat(data.at("/error/type").asText()).as("a numeric code is read as a status").isEqualTo("invalid_request_error");
    }

    // ---- any sequence --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomChunkSequencesAlwaysGiveAWellFormedStream(int seed) {
        Random random = new Random(seed);
        OpenAiToAnthropicStream s = new OpenAiToAnthropicStream("m", 5);
        List<byte[]> events = new ArrayList<>();
        int nextTool = 0;
        int steps = 5 + random.nextInt(40);
        for (int i = 0; i < steps; i++) {
            SseEvent event = switch (random.nextInt(10)) {
                case 0, 1, 2 -> text(random.nextBoolean() ? "t" + i : "");
                case 3 -> reasoning("r" + i);
                case 4 -> tool(nextTool++, "c" + i, "n" + i, random.nextBoolean() ? "{" : "");
                case 5, 6 -> tool(Math.max(0, nextTool - 1), random.nextBoolean() ? null : "c" + i, null, "\"a\"");
                case 7 -> usage(10, i, 0);
                case 8 -> finish(random.nextBoolean() ? "stop" : "tool_calls");
                default -> SseEvent.ofData(random.nextBoolean() ? "[DONE]" : "{not json");
            };
            events.addAll(s.onEvent(event));
        }
        events.addAll(s.finish());
        AnthropicStreamChecker.Result result = AnthropicStreamChecker.check(events);
        assertThat(result.completed()).isTrue();
        assertThat(s.isComplete()).isTrue();
    }
}
