package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Anthropic → OpenAI stream state machine. */
class AnthropicToOpenAiStreamTest {

    private final List<byte[]> out = new ArrayList<>();

    private static SseEvent messageStart(long input, long cacheCreation, long cacheRead) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode message = data.putObject("message").put("id", "msg_9").put("type", "message").put("role", "assistant")
                .put("model", "claude-up");
        message.putArray("content");
        message.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", cacheCreation)
                .put("cache_read_input_tokens", cacheRead).put("output_tokens", 1);
        return named(data);
    }

    private static SseEvent blockStart(int index, String type, String idOrText) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", index);
        ObjectNode block = data.putObject("content_block").put("type", type);
        switch (type) {
            case "text" -> block.put("text", idOrText == null ? "" : idOrText);
            case "tool_use" -> {
                block.put("id", idOrText).put("name", "fn_" + index);
                block.putObject("input");
            }
            default -> block.put("thinking", "").put("signature", "");
        }
        return named(data);
    }

    private static SseEvent textDelta(int index, String text) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
        data.putObject("delta").put("type", "text_delta").put("text", text);
        return named(data);
    }

    private static SseEvent jsonDelta(int index, String partial) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
        data.putObject("delta").put("type", "input_json_delta").put("partial_json", partial);
        return named(data);
    }

    private static SseEvent blockStop(int index) {
        return named(Json.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private static SseEvent messageDelta(String stopReason, long output) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        data.putObject("usage").put("output_tokens", output);
        return named(data);
    }

    private static SseEvent messageStop() {
        return named(Json.MAPPER.createObjectNode().put("type", "message_stop"));
    }

    private static SseEvent named(ObjectNode data) {
        return SseEvent.of(data.get("type").asText(), AdaptJson.string(data));
    }

    private List<byte[]> feed(AnthropicToOpenAiStream stream, SseEvent... events) {
        List<byte[]> now = new ArrayList<>();
        for (SseEvent event : events) {
            now.addAll(stream.onEvent(event));
        }
        out.addAll(now);
        return now;
    }

    private List<JsonNode> chunks() {
        List<JsonNode> chunks = new ArrayList<>();
        for (byte[] one : out) {
            List<SseEvent> events = Golden.events(one);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).event()).as("OpenAI events have no name").isNull();
            String data = events.get(0).data();
            chunks.add(data.equals("[DONE]") ? Json.MAPPER.getNodeFactory().textNode("[DONE]") : Golden.parse(data.getBytes()));
        }
        return chunks;
    }

    @Test
    void roleChunkFirstThenOneIdCreatedAndModelOnEveryChunk() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("gpt-caller", true);
        feed(stream, messageStart(10, 0, 0), blockStart(0, "text", null), textDelta(0, "a"), textDelta(0, "b"), blockStop(0),
                messageDelta("end_turn", 3), messageStop());
        List<JsonNode> chunks = chunks();
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/delta/role").isTextual())).hasSize(1);
        Set<String> ids = new HashSet<>();
        Set<Long> created = new HashSet<>();
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            ids.add(chunk.path("id").asText());
            created.add(chunk.path("created").asLong());
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("model").asText()).isEqualTo("gpt-caller");
        }
        assertThat(ids).containsExactly("msg_9");
        assertThat(created).hasSize(1);
        assertThat(chunks.get(chunks.size() - 1).asText()).isEqualTo("[DONE]");
    }

    @Test
    void toolCallIndexesCountToolBlocksOnlyInterleavedWithText() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", false);
        feed(stream, messageStart(1, 0, 0),
                blockStart(0, "text", null), textDelta(0, "one"), blockStop(0),
                blockStart(1, "tool_use", "toolu_a"), jsonDelta(1, "{\"x\""), jsonDelta(1, ":1}"), blockStop(1),
                blockStart(2, "text", null), textDelta(2, "two"), blockStop(2),
                blockStart(3, "tool_use", "toolu_b"), jsonDelta(3, ""), jsonDelta(3, "{}"), blockStop(3),
                messageDelta("tool_use", 9), messageStop());
        List<JsonNode> toolDeltas = chunks().stream().filter(c -> c.at("/choices/0/delta/tool_calls").isArray()).toList();
        assertThat(toolDeltas).extracting(c -> c.at("/choices/0/delta/tool_calls/0/index").asInt()).containsExactly(0, 0, 0, 1, 1);
        assertThat(toolDeltas.get(0).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("toolu_a");
        assertThat(toolDeltas.get(0).at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("fn_1");
        assertThat(toolDeltas.get(1).at("/choices/0/delta/tool_calls/0/id").isMissingNode()).as("fragments carry no id").isTrue();
        assertThat(toolDeltas.get(3).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("toolu_b");
        List<JsonNode> chunks = chunks();
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void usageChunkOnlyWhenAskedButUsageAlwaysReported() {
        AnthropicToOpenAiStream without = new AnthropicToOpenAiStream("m", false);
        feed(without, messageStart(10, 5, 100), messageDelta("end_turn", 7), messageStop());
        assertThat(chunks()).noneMatch(c -> c.has("usage"));
        assertThat(without.usage()).isEqualTo(new TokenUsage(115, 7));

        out.clear();
        AnthropicToOpenAiStream with = new AnthropicToOpenAiStream("m", true);
        feed(with, messageStart(10, 5, 100), messageDelta("end_turn", 7), messageStop());
        List<JsonNode> chunks = chunks();
        JsonNode usageChunk = chunks.get(chunks.size() - 2);
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.at("/usage/prompt_tokens").asLong()).isEqualTo(115);
        assertThat(usageChunk.at("/usage/completion_tokens").asLong()).isEqualTo(7);
        assertThat(usageChunk.at("/usage/total_tokens").asLong()).isEqualTo(122);
        assertThat(usageChunk.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(100);
    }

    @Test
    void eventsWithoutANameAreReadByTheirType() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", false);
        feed(stream, SseEvent.ofData(messageStart(1, 0, 0).data()), SseEvent.ofData(textDelta(0, "hi").data()),
                SseEvent.ofData(messageStop().data()));
        List<JsonNode> chunks = chunks();
        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("hi");
        assertThat(chunks.get(chunks.size() - 1).asText()).isEqualTo("[DONE]");
    }

    @Test
    void aStreamWithoutMessageStartStillBeginsWithTheRoleChunk() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", false);
        feed(stream, textDelta(0, "x"));
        out.addAll(stream.finish());
        List<JsonNode> chunks = chunks();
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(0).path("id").asText()).startsWith("chatcmpl-");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(stream.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void nothingAfterMessageStopButLateUsageIsRecorded() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", false);
        feed(stream, messageStart(4, 0, 0), messageDelta("end_turn", 2), messageStop());
        assertThat(stream.isComplete()).isTrue();
        assertThat(feed(stream, textDelta(0, "late"), messageDelta("end_turn", 5), messageStop())).isEmpty();
        assertThat(stream.finish()).isEmpty();
        assertThat(stream.usage()).isEqualTo(new TokenUsage(4, 5));
    }

    @Test
    void upstreamErrorEventEndsTheStreamInOpenAiShape() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", true);
        feed(stream, messageStart(4, 0, 0), textDelta(0, "a"),
                SseEvent.of("error", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"),
                textDelta(0, "b"), messageStop());
        List<JsonNode> chunks = chunks();
        JsonNode error = chunks.get(chunks.size() - 1);
        assertThat(error.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.at("/error/message").asText()).isEqualTo("slow");
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void gatewayErrorIsAnOpenAiErrorChunk() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", true);
        feed(stream, messageStart(4, 0, 0));
        out.add(stream.error(ErrorKind.BAD_GATEWAY, "upstream connection lost"));
        JsonNode error = chunks().get(chunks().size() - 1);
        assertThat(error.at("/error/code").asText()).isEqualTo("upstream_unreachable");
        assertThat(error.at("/error/message").asText()).isEqualTo("upstream connection lost");
        assertThat(stream.isComplete()).isTrue();
        assertThat(stream.finish()).isEmpty();
    }

    @Test
    void aToolBlockThatStartsWithItsWholeInputSendsIt() {
        AnthropicToOpenAiStream stream = new AnthropicToOpenAiStream("m", false);
        ObjectNode start = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
        start.putObject("content_block").put("type", "tool_use").put("id", "t1").put("name", "f").putObject("input").put("k", "v");
        feed(stream, messageStart(1, 0, 0), named(start), messageDelta("tool_use", 1), messageStop());
        JsonNode call = chunks().get(1).at("/choices/0/delta/tool_calls/0");
        assertThat(call.at("/function/arguments").asText()).isEqualTo("{\"k\":\"v\"}");
    }
}
