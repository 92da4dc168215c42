package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.Protocol;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.ErrorBodies;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.JsonScan;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseEvents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages stream → OpenAI {@code chat.completion.chunk} stream, for an OpenAI caller on
 * an Anthropic exit. One instance per response, fed the upstream's events in order from one
 * thread at a time; each call returns the encoded events to send (possibly none).
 *
 * <p>What the caller gets: a role chunk first ({@code delta: {role: assistant, content: ""}});
 * content chunks for {@code text_delta}; {@code reasoning_content} chunks for
 * {@code thinking_delta}; for each {@code tool_use} block a tool-call chunk with its
 * {@code index} (0, 1, … in block order), {@code id}, {@code type} and {@code function.name},
 * then one chunk per {@code input_json_delta} with the argument fragment; at
 * {@code message_stop} a chunk with an empty delta and the {@code finish_reason}, then — only
 * when the caller asked for {@code stream_options.include_usage} — a chunk with empty
 * {@code choices} and the {@code usage}, then {@code data: [DONE]}. Every chunk carries the
 * upstream message id, one {@code created} time and the model.
 *
 * <p>A stream that ends without {@code message_stop} is completed by {@link #finish()}. An
 * {@code event: error} becomes an OpenAI error chunk ({@code data: {"error": …}}) and ends the
 * stream; so does an upstream stream that ends before sending anything.
 */
public final class AnthropicToOpenAiStream {

    private final String model;
    private final boolean includeUsage;
    private final long created = System.currentTimeMillis() / 1000;

    private boolean started;
    private boolean done;
    private String id;
    private String upstreamModel;
    private String stopReason;
    private int nextToolIndex;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

    private long inputTokens;
    private long cacheCreation;
    private long cacheRead;
    private long outputTokens;
    private boolean usageSeen;

    /**
     * @param model        the model the caller asked for, shown on every chunk; null shows the upstream's
     * @param includeUsage the caller asked for the usage chunk
     *                     ({@link OpenAiToAnthropicRequest#includeUsageRequested})
     */
    public AnthropicToOpenAiStream(String model, boolean includeUsage) {
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** Translates one upstream event; returns the OpenAI events to send now, in order. */
    public List<byte[]> onEvent(SseEvent anthropicEvent) {
        JsonNode data = AdaptJson.parse(anthropicEvent.data());
        String type = data != null ? AdaptJson.text(data.get("type")) : null;
        if (type == null) {
            type = anthropicEvent.event();
        }
        if (done) {
            if ("message_delta".equals(type) && data != null) {
                applyUsage(data.get("usage")); // keep recording what the upstream reports
            }
            return List.of();
        }
        if (type == null) {
            return List.of();
        }
        if (type.equals("error")) {
            JsonNode error = UpstreamErrors.errorObject(data);
            ObjectNode body = error != null ? UpstreamErrors.openAiBodyFromAnthropic(error)
                    : UpstreamErrors.openAiBody("api_error", "upstream stream error");
            done = true;
            return List.of(SseEvents.data(AdaptJson.string(body)));
        }
        if (data == null || !data.isObject()) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(3);
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                id = AdaptJson.text(message.get("id"));
                upstreamModel = AdaptJson.text(message.get("model"));
                applyUsage(message.get("usage"));
                ensureStarted(out);
            }
            case "content_block_start" -> {
                ensureStarted(out);
                onBlockStart(out, data.path("index").asInt(-1), data.path("content_block"));
            }
            case "content_block_delta" -> {
                ensureStarted(out);
                onBlockDelta(out, data.path("index").asInt(-1), data.path("delta"));
            }
            case "message_delta" -> {
                ensureStarted(out);
                String reason = AdaptJson.text(data.path("delta").get("stop_reason"));
                if (reason != null) {
                    stopReason = reason;
                }
                applyUsage(data.get("usage"));
            }
            case "message_stop" -> {
                out.addAll(complete());
            }
            default -> {
                // ping, content_block_stop and unknown events say nothing an OpenAI client needs
            }
        }
        return out;
    }

    /**
     * The upstream stream ended: the chunks still owed (finish reason, usage when asked for,
     * {@code [DONE]}), or an error chunk when the upstream sent nothing. Empty once complete.
     */
    public List<byte[]> finish() {
        if (done) {
            return List.of();
        }
        if (!started) {
            done = true;
            ObjectNode body = UpstreamErrors.openAiBody("api_error", "upstream ended the stream without a response");
            return List.of(SseEvents.data(AdaptJson.string(body)));
        }
        return complete();
    }

    /**
     * A terminal error chunk for a failure of the gateway's own (timeout, broken upstream
     * connection) after the stream started; nothing is sent after it.
     */
    public byte[] error(ErrorKind kind, String message) {
        done = true;
        return ErrorBodies.sseEvent(Protocol.OPENAI, kind, message);
    }

    /** The usage the upstream reported so far (input includes cache reads and writes); NONE if none. */
    public TokenUsage usage() {
        return usageSeen ? new TokenUsage(inputTokens + cacheCreation + cacheRead, outputTokens) : TokenUsage.NONE;
    }

    /** True once {@code [DONE]} or an error chunk was produced. */
    public boolean isComplete() {
        return done;
    }

    private void onBlockStart(List<byte[]> out, int blockIndex, JsonNode block) {
        switch (String.valueOf(AdaptJson.text(block.get("type")))) {
            case "text" -> {
                if (AdaptJson.hasText(block.get("text"))) {
                    out.add(chunk(Json.MAPPER.createObjectNode().put("content", block.get("text").textValue()), null));
                }
            }
            case "thinking" -> {
                if (AdaptJson.hasText(block.get("thinking"))) {
                    out.add(chunk(Json.MAPPER.createObjectNode().put("reasoning_content", block.get("thinking").textValue()), null));
                }
            }
            case "tool_use" -> {
                int toolIndex = nextToolIndex++;
                toolIndexByBlock.put(blockIndex, toolIndex);
                JsonNode input = block.get("input");
                String arguments = input != null && input.isObject() && !input.isEmpty() ? AdaptJson.string(input) : "";
                ObjectNode call = Json.MAPPER.createObjectNode();
                call.put("index", toolIndex);
                String toolId = AdaptJson.text(block.get("id"));
                call.put("id", toolId != null ? toolId : AdaptJson.randomId("call_"));
                call.put("type", "function");
                call.putObject("function").put("name", AdaptJson.text(block.get("name"))).put("arguments", arguments);
                ObjectNode delta = Json.MAPPER.createObjectNode();
                delta.putArray("tool_calls").add(call);
                out.add(chunk(delta, null));
            }
            default -> {
                // redacted thinking, server tool blocks: no Chat Completions form
            }
        }
    }

    private void onBlockDelta(List<byte[]> out, int blockIndex, JsonNode delta) {
        switch (String.valueOf(AdaptJson.text(delta.get("type")))) {
            case "text_delta" -> {
                if (AdaptJson.hasText(delta.get("text"))) {
                    out.add(chunk(Json.MAPPER.createObjectNode().put("content", delta.get("text").textValue()), null));
                }
            }
            case "thinking_delta" -> {
                if (AdaptJson.hasText(delta.get("thinking"))) {
                    out.add(chunk(Json.MAPPER.createObjectNode().put("reasoning_content", delta.get("thinking").textValue()), null));
                }
            }
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(blockIndex);
                if (toolIndex == null || !AdaptJson.hasText(delta.get("partial_json"))) {
                    return;
                }
                ObjectNode call = Json.MAPPER.createObjectNode();
                call.put("index", toolIndex);
                call.putObject("function").put("arguments", delta.get("partial_json").textValue());
                ObjectNode chunkDelta = Json.MAPPER.createObjectNode();
                chunkDelta.putArray("tool_calls").add(call);
                out.add(chunk(chunkDelta, null));
            }
            default -> {
                // signature and citation deltas: no Chat Completions form
            }
        }
    }

    private void ensureStarted(List<byte[]> out) {
        if (started) {
            return;
        }
        started = true;
        if (id == null) {
            id = AdaptJson.randomId("chatcmpl-");
        }
        out.add(chunk(Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
    }

    private List<byte[]> complete() {
        List<byte[]> out = new ArrayList<>(3);
        ensureStarted(out);
        out.add(chunk(Json.MAPPER.createObjectNode(), StopReasons.toOpenAi(stopReason)));
        if (includeUsage) {
            ObjectNode usageChunk = base();
            usageChunk.putArray("choices");
            usageChunk.set("usage", new Usages.Counts(inputTokens + cacheCreation + cacheRead, cacheRead, cacheCreation, outputTokens).openAi());
            out.add(SseEvents.data(AdaptJson.string(usageChunk)));
        }
        out.add(SseEvents.data("[DONE]"));
        done = true;
        return out;
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason != null) {
            choice.put("finish_reason", finishReason);
        } else {
            choice.putNull("finish_reason");
        }
        return SseEvents.data(AdaptJson.string(chunk));
    }

    private ObjectNode base() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        String shown = model != null ? model : upstreamModel;
        chunk.put("model", shown != null ? shown : "");
        return chunk;
    }

    // each count a later event carries replaces the earlier one (message_delta's output is cumulative)
    private void applyUsage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return;
        }
        Long in = JsonScan.count(usage.get("input_tokens"));
        Long creation = JsonScan.count(usage.get("cache_creation_input_tokens"));
        Long read = JsonScan.count(usage.get("cache_read_input_tokens"));
        Long out = JsonScan.count(usage.get("output_tokens"));
        if (in != null) {
            inputTokens = in;
        }
        if (creation != null) {
            cacheCreation = creation;
        }
        if (read != null) {
            cacheRead = read;
        }
        if (out != null) {
            outputTokens = out;
        }
        usageSeen |= in != null || creation != null || read != null || out != null;
    }
}
