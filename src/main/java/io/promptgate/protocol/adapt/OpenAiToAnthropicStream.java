package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.Protocol;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.ErrorBodies;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseEvents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI {@code chat.completion.chunk} stream → Anthropic Messages stream, for an Anthropic caller
 * on an OpenAI exit. One instance per response, fed the upstream's events in order from one
 * thread at a time; each call returns the encoded events to send (possibly none).
 *
 * <p>What the caller gets: {@code message_start} exactly once (at the first upstream chunk, with
 * the caller's input-token estimate, or the upstream's count when that first chunk carries
 * usage); then per content block {@code content_block_start}, its
 * deltas ({@code text_delta}, {@code thinking_delta}, {@code input_json_delta}) and
 * {@code content_block_stop} — the open block is closed before a block of another kind or of
 * another tool call starts, an empty text never opens a block, and every tool call is its own
 * block; then {@code message_delta} (stop reason and the upstream's usage) and
 * {@code message_stop}. The stop reason is held until a chunk with usage arrives after (or with)
 * the {@code finish_reason}, or until the end of the stream ({@code [DONE]} or {@link #finish()}).
 *
 * <p>Upstreams are taken as they are: chunks without a role chunk first, without
 * {@code finish_reason} or {@code [DONE]}, content and finish in one chunk, the tool id and name
 * repeated on every chunk, the whole arguments in one chunk, a tool index reused for a call with
 * a new id, tool calls without an index, a name that arrives after the first argument fragment,
 * usage on every chunk or only in a last chunk with empty {@code choices}, blank and unparseable
 * events (skipped). Argument fragments for a tool call whose block was already closed (another
 * block started in between) cannot be placed and are dropped; no known upstream interleaves them.
 *
 * <p>An error object in the stream (or an {@code event: error}) ends it with an Anthropic
 * {@code event: error}; so does an upstream stream that ends before sending anything.
 */
public final class OpenAiToAnthropicStream {

    private enum Block { NONE, TEXT, THINKING, TOOL }

    private final String model;
    private final long inputTokenEstimate;

    private boolean started;
    private boolean done;
    private String messageId;
    private Block open = Block.NONE;
    private ToolSlot openTool;
    private int nextBlockIndex;
    private boolean finishSeen;
    private String stopReason;
    private boolean anyToolUse;
    private Usages.Counts counts;
    private String heldText = "";
    private String heldThinking = "";

    private final Map<Integer, ToolSlot> toolsByIndex = new HashMap<>();
    private final List<ToolSlot> tools = new ArrayList<>();

    /**
     * @param model              the model the caller asked for, shown in {@code message_start}
     * @param inputTokenEstimate input tokens announced in {@code message_start} (the upstream's
     *                           real count follows in {@code message_delta}), e.g. from
     *                           {@link CountTokens#count}
     */
    public OpenAiToAnthropicStream(String model, long inputTokenEstimate) {
        this.model = model == null ? "" : model;
        this.inputTokenEstimate = Math.max(0, inputTokenEstimate);
    }

    /** Translates one upstream event; returns the Anthropic events to send now, in order. */
    public List<byte[]> onEvent(SseEvent openAiChunk) {
        String data = openAiChunk.data().strip();
        if (data.isEmpty()) {
            return List.of();
        }
        if (data.equals("[DONE]")) {
            return done ? List.of() : complete();
        }
        JsonNode chunk = AdaptJson.parse(data);
        if (chunk == null || !chunk.isObject()) {
            if ("error".equals(openAiChunk.event()) && !done) {
                return List.of(fail(UpstreamErrors.anthropicBody("api_error", "upstream stream error")));
            }
            return List.of(); // keep-alives and garbage some proxies add
        }
        JsonNode error = UpstreamErrors.errorObject(chunk);
        if (error != null || "error".equals(openAiChunk.event())) {
            if (done) {
                return List.of();
            }
            JsonNode errorNode = error != null ? error : chunk;
            return List.of(fail(UpstreamErrors.anthropicBodyFromOpenAi(errorNode)));
        }
        Usages.Counts chunkCounts = Usages.fromOpenAi(chunk.get("usage"));
        if (chunkCounts != null) {
            counts = chunkCounts; // later reports replace earlier ones (running totals)
        }
        if (done) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(4);
        if (!started) {
            start(out, AdaptJson.text(chunk.get("id")));
        }
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode choice : choices) {
                if (choice.path("index").asInt(0) != 0) {
                    continue; // n > 1 has no Anthropic form: the first choice only
                }
                onChoice(out, choice);
            }
        }
        if (finishSeen && chunkCounts != null) {
            out.addAll(complete());
        }
        return out;
    }

    /**
     * The upstream stream ended (after its last event, with or without {@code [DONE]}): the events
     * still owed — closing the open block, {@code message_delta} and {@code message_stop} — or an
     * error event when the upstream sent nothing at all. Empty once the stream is complete.
     */
    public List<byte[]> finish() {
        if (done) {
            return List.of();
        }
        if (!started) {
            return List.of(fail(UpstreamErrors.anthropicBody("api_error", "upstream ended the stream without a response")));
        }
        return complete();
    }

    /**
     * A terminal {@code event: error} for a failure of the gateway's own (timeout, broken
     * upstream connection) after the stream started; nothing is sent after it.
     */
    public byte[] error(ErrorKind kind, String message) {
        done = true;
        return ErrorBodies.sseEvent(Protocol.ANTHROPIC, kind, message);
    }

    /** The usage the upstream reported so far (prompt tokens include cached ones); NONE if none. */
    public TokenUsage usage() {
        return counts != null ? counts.tokenUsage() : TokenUsage.NONE;
    }

    /** True once {@code message_stop} or an error event was produced. */
    public boolean isComplete() {
        return done;
    }

    private void onChoice(List<byte[]> out, JsonNode choice) {
        JsonNode delta = choice.path("delta");
        String reasoning = OpenAiToAnthropicResponse.reasoningText(delta);
        if (reasoning != null) {
            appendThinking(out, reasoning);
        }
        String text = OpenAiToAnthropicResponse.contentText(delta.get("content"));
        if (text.isEmpty() && AdaptJson.hasText(delta.get("refusal"))) {
            text = delta.get("refusal").textValue();
        }
        if (!text.isEmpty()) {
            appendText(out, text);
        }
        JsonNode toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                onToolCall(out, call);
            }
        }
        JsonNode functionCall = delta.get("function_call");
        if (functionCall != null && functionCall.isObject()) {
            ObjectNode call = Json.MAPPER.createObjectNode().put("index", 0);
            call.set("function", functionCall);
            onToolCall(out, call);
        }
        String finishReason = AdaptJson.text(choice.get("finish_reason"));
        if (finishReason != null && !finishReason.isEmpty()) {
            finishSeen = true;
            stopReason = StopReasons.toAnthropic(finishReason);
            openPendingTools(out);
            closeOpenBlock(out);
        }
    }

    private void start(List<byte[]> out, String upstreamId) {
        started = true;
        messageId = upstreamId != null && !upstreamId.isEmpty() ? "msg_" + upstreamId : AdaptJson.randomId("msg_");
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", messageId);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", counts != null ? counts.uncachedInput() : inputTokenEstimate);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", counts != null ? counts.cacheRead() : 0);
        usage.put("output_tokens", 0);
        out.add(encode("message_start", event));
    }

    private void appendText(List<byte[]> out, String fragment) {
        String text = heldText + fragment;
        heldText = trailingHighSurrogate(text);
        text = text.substring(0, text.length() - heldText.length());
        if (text.isEmpty()) {
            return;
        }
        if (open != Block.TEXT) {
            closeOpenBlock(out);
            ObjectNode block = Json.MAPPER.createObjectNode().put("type", "text").put("text", "");
            startBlock(out, Block.TEXT, block);
        }
        delta(out, Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", text));
    }

    private void appendThinking(List<byte[]> out, String fragment) {
        String thinking = heldThinking + fragment;
        heldThinking = trailingHighSurrogate(thinking);
        thinking = thinking.substring(0, thinking.length() - heldThinking.length());
        if (thinking.isEmpty()) {
            return;
        }
        if (open != Block.THINKING) {
            closeOpenBlock(out);
            ObjectNode block = Json.MAPPER.createObjectNode().put("type", "thinking").put("thinking", "").put("signature", "");
            startBlock(out, Block.THINKING, block);
        }
        delta(out, Json.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", thinking));
    }

    private void onToolCall(List<byte[]> out, JsonNode call) {
        JsonNode function = call.path("function");
        String id = nonEmpty(AdaptJson.text(call.get("id")));
        String name = nonEmpty(AdaptJson.text(function.get("name")));
        ToolSlot tool = slotFor(call.get("index"), id);
        if (tool.id == null) {
            tool.id = id;
        }
        if (tool.name == null) {
            tool.name = name; // repeated names are ignored: a name is never split
        }
        JsonNode arguments = function.get("arguments");
        String fragment = arguments == null || arguments.isNull() ? ""
                : arguments.isTextual() ? arguments.textValue() : AdaptJson.string(arguments);
        if (tool.closed) {
            return; // its block is over; see the class comment
        }
        if (tool.blockIndex < 0) {
            tool.pending.append(fragment);
            if (tool.name != null) {
                openTool(out, tool);
            }
            return;
        }
        String json = tool.held + fragment;
        tool.held = trailingHighSurrogate(json);
        json = json.substring(0, json.length() - tool.held.length());
        if (!json.isEmpty()) {
            inputJsonDelta(out, json);
        }
    }

    // the call an OpenAI tool delta belongs to: by index, a new one when the index comes back
    // with another id; without an index, by id, else the latest call
    private ToolSlot slotFor(JsonNode indexNode, String id) {
        if (indexNode != null && indexNode.canConvertToInt()) {
            int index = indexNode.intValue();
            ToolSlot tool = toolsByIndex.get(index);
            if (tool == null || (id != null && tool.id != null && !tool.id.equals(id))) {
                tool = newSlot();
                toolsByIndex.put(index, tool);
            }
            return tool;
        }
        if (id != null) {
            for (ToolSlot tool : tools) {
                if (id.equals(tool.id)) {
                    return tool;
                }
            }
            return newSlot();
        }
        return tools.isEmpty() ? newSlot() : tools.get(tools.size() - 1);
    }

    private ToolSlot newSlot() {
        ToolSlot tool = new ToolSlot();
        tools.add(tool);
        return tool;
    }

    private void openTool(List<byte[]> out, ToolSlot tool) {
        closeOpenBlock(out);
        if (tool.id == null) {
            tool.id = AdaptJson.randomId("toolu_");
        }
        ObjectNode block = Json.MAPPER.createObjectNode();
        block.put("type", "tool_use");
        block.put("id", tool.id);
        block.put("name", tool.name != null ? tool.name : "");
        block.putObject("input");
        tool.blockIndex = nextBlockIndex;
        startBlock(out, Block.TOOL, block);
        openTool = tool;
        anyToolUse = true;
        String json = tool.pending.toString();
        tool.pending.setLength(0);
        tool.held = trailingHighSurrogate(json);
        json = json.substring(0, json.length() - tool.held.length());
        if (!json.isEmpty()) {
            inputJsonDelta(out, json);
        }
    }

    // tool calls whose name never came are still delivered (with an empty name) at the end
    private void openPendingTools(List<byte[]> out) {
        for (ToolSlot tool : tools) {
            if (tool.blockIndex < 0 && !tool.closed) {
                openTool(out, tool);
            }
        }
    }

    private void inputJsonDelta(List<byte[]> out, String partialJson) {
        delta(out, Json.MAPPER.createObjectNode().put("type", "input_json_delta").put("partial_json", partialJson));
    }

    private void startBlock(List<byte[]> out, Block kind, ObjectNode contentBlock) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "content_block_start");
        event.put("index", nextBlockIndex);
        event.set("content_block", contentBlock);
        out.add(encode("content_block_start", event));
        open = kind;
    }

    private void delta(List<byte[]> out, ObjectNode delta) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "content_block_delta");
        event.put("index", nextBlockIndex);
        event.set("delta", delta);
        out.add(encode("content_block_delta", event));
    }

    private void closeOpenBlock(List<byte[]> out) {
        if (open == Block.NONE) {
            return;
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "content_block_stop");
        event.put("index", nextBlockIndex);
        out.add(encode("content_block_stop", event));
        if (open == Block.TOOL && openTool != null) {
            openTool.closed = true;
            openTool = null;
        }
        // a half character still held can never be completed: dropped rather than sent as '?'
        if (open == Block.TEXT) {
            heldText = "";
        } else if (open == Block.THINKING) {
            heldThinking = "";
        }
        open = Block.NONE;
        nextBlockIndex++;
    }

    private List<byte[]> complete() {
        List<byte[]> out = new ArrayList<>(4);
        if (!started) {
            start(out, null);
        }
        openPendingTools(out);
        closeOpenBlock(out);
        String reason = StopReasons.withTools(stopReason != null ? stopReason : "end_turn", anyToolUse);
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", reason).putNull("stop_sequence");
        ObjectNode usage;
        if (counts != null) {
            usage = counts.anthropic();
        } else {
            usage = Json.MAPPER.createObjectNode().put("output_tokens", 0);
        }
        event.set("usage", usage);
        out.add(encode("message_delta", event));
        out.add(encode("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop")));
        done = true;
        return out;
    }

    private byte[] fail(ObjectNode anthropicErrorBody) {
        done = true;
        return encode("error", anthropicErrorBody);
    }

    private static byte[] encode(String event, ObjectNode data) {
        return SseEvents.encode(event, AdaptJson.string(data));
    }

    /**
     * The last character when it is the first half of a surrogate pair: an upstream that splits
     * a character outside the BMP across two chunks would otherwise have each half encoded on its
     * own (as '?'); the half is held and sent with the next fragment of the same block.
     */
    private static String trailingHighSurrogate(String text) {
        return !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))
                ? text.substring(text.length() - 1) : "";
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** One OpenAI tool call on its way to becoming a {@code tool_use} block. */
    private static final class ToolSlot {
        String id;
        String name;
        int blockIndex = -1;
        boolean closed;
        String held = "";
        final StringBuilder pending = new StringBuilder();
    }
}
