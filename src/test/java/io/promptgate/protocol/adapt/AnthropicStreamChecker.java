package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.protocol.sse.SseEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a translated stream obeys the Anthropic Messages stream grammar and rebuilds its
 * content blocks:
 * {@code message_start (content_block_start content_block_delta* content_block_stop)* message_delta message_stop},
 * block indexes 0, 1, 2 … without overlap, delta types matching their block, no empty text block,
 * an {@code error} event only as the last event, event names equal to the data's {@code type}.
 */
final class AnthropicStreamChecker {

    /** A rebuilt content block: its type, id and name (tool use), and its accumulated text / thinking / JSON. */
    record Block(String type, String id, String name, String content) {
    }

    /** What the stream said. */
    record Result(List<Block> blocks, String stopReason, JsonNode messageStart, JsonNode messageDeltaUsage, JsonNode error) {
        boolean completed() {
            return stopReason != null;
        }
    }

    private AnthropicStreamChecker() {
    }

    static Result check(List<byte[]> output) {
        List<SseEvent> events = new ArrayList<>();
        for (byte[] one : output) {
            List<SseEvent> parsed = Golden.events(one);
            assertThat(parsed).as("one event per element: %s", Golden.utf8(one)).hasSize(1);
            events.addAll(parsed);
        }
        List<Block> blocks = new ArrayList<>();
        JsonNode start = null;
        JsonNode deltaUsage = null;
        String stopReason = null;
        JsonNode error = null;
        boolean stopped = false;
        int openIndex = -1;
        String openType = null;
        String openId = null;
        String openName = null;
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            JsonNode data = Golden.parse(event.data().getBytes(StandardCharsets.UTF_8));
            String type = data.path("type").asText();
            assertThat(event.event()).as("event name of %s", event.data()).isEqualTo(type);
            assertThat(stopped).as("nothing after message_stop or error: %s", event.data()).isFalse();
            if (type.equals("error")) {
                assertThat(i).as("error is the last event").isEqualTo(events.size() - 1);
                error = data.get("error");
                stopped = true;
                continue;
            }
            if (i == 0) {
                assertThat(type).as("first event").isEqualTo("message_start");
            }
            switch (type) {
                case "message_start" -> {
                    assertThat(start).as("message_start once").isNull();
                    start = data.get("message");
                }
                case "content_block_start" -> {
                    assertThat(openIndex).as("block started while block %s is open", openIndex).isEqualTo(-1);
                    assertThat(stopReason).as("block after message_delta").isNull();
                    assertThat(data.path("index").asInt()).as("block index").isEqualTo(blocks.size());
                    openIndex = data.path("index").asInt();
                    JsonNode block = data.get("content_block");
                    openType = block.path("type").asText();
                    openId = block.path("id").asText(null);
                    openName = block.path("name").asText(null);
                    content.setLength(0);
                }
                case "content_block_delta" -> {
                    assertThat(data.path("index").asInt()).as("delta index").isEqualTo(openIndex);
                    JsonNode delta = data.get("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> {
                            assertThat(openType).isEqualTo("text");
                            content.append(delta.path("text").asText());
                        }
                        case "thinking_delta" -> {
                            assertThat(openType).isEqualTo("thinking");
                            content.append(delta.path("thinking").asText());
                        }
                        case "input_json_delta" -> {
                            assertThat(openType).isEqualTo("tool_use");
                            content.append(delta.path("partial_json").asText());
                        }
                        default -> throw new AssertionError("unexpected delta " + delta);
                    }
                }
                case "content_block_stop" -> {
                    assertThat(data.path("index").asInt()).as("stop index").isEqualTo(openIndex);
                    if ("text".equals(openType)) {
                        assertThat(content).as("never an empty text block").isNotEmpty();
                    }
                    blocks.add(new Block(openType, openId, openName, content.toString()));
                    openIndex = -1;
                }
                case "message_delta" -> {
                    assertThat(openIndex).as("message_delta with a block open").isEqualTo(-1);
                    assertThat(stopReason).as("message_delta once").isNull();
                    stopReason = data.at("/delta/stop_reason").asText();
                    deltaUsage = data.get("usage");
                    assertThat(deltaUsage.has("output_tokens")).as("message_delta usage has output_tokens").isTrue();
                }
                case "message_stop" -> {
                    assertThat(stopReason).as("message_stop after message_delta").isNotNull();
                    stopped = true;
                }
                default -> throw new AssertionError("unexpected event " + event.data());
            }
        }
        if (error == null && !events.isEmpty()) {
            assertThat(stopped).as("a complete stream ends with message_stop").isTrue();
        }
        return new Result(blocks, stopReason, start, deltaUsage, error);
    }
}
