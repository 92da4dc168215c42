package io.promptgate.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies and stream events the fake upstream sends, shaped like the real OpenAI Chat
 * Completions and Anthropic Messages APIs. Pure functions of the request and the script.
 */
public final class FakeWireFormats {

    // test-side mapper, independent of the production one so a bug there cannot hide here
    static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeWireFormats() {
    }

    /** The default assistant text: the model the upstream received and the last user message. */
    public static String replyText(String model, String lastUserMessage) {
        return "[" + model + "] " + lastUserMessage;
    }

    /** Whitespace-separated words; the default token count of a text. */
    public static long countWords(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** The text of the last {@code user} message (string content or its text parts), or "". */
    public static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return textOf(message.path("content"));
            }
        }
        return "";
    }

    /** Default input tokens: the words of every message and of an Anthropic {@code system}, at least 1. */
    public static long requestTokens(JsonNode request) {
        long words = countWords(textOf(request.path("system")));
        for (JsonNode message : request.path("messages")) {
            words += countWords(textOf(message.path("content")));
        }
        return Math.max(1, words);
    }

    /** One complete SSE event; {@code content} marks the chunks that carry the reply's text. */
    record WireEvent(byte[] bytes, boolean content) {
    }

    /** Everything one generated answer needs. */
    record Plan(String id, long created, String model, String text, List<String> pieces,
                long input, long output, long cacheCreation, long cacheRead, boolean inputInDelta) {

        static Plan of(String id, JsonNode request, FakeReply reply) {
            String model = request.path("model").asText("");
            String text = reply.text != null ? reply.text : replyText(model, lastUserText(request));
            long input = reply.inputTokens != null ? reply.inputTokens : requestTokens(request);
            long output = reply.outputTokens != null ? reply.outputTokens : Math.max(1, countWords(text));
            return new Plan(id, 1_767_225_600L, model, text, split(text, reply.chunks), input, output,
                    reply.cacheCreationTokens, reply.cacheReadTokens, reply.inputTokensInMessageDelta);
        }
    }

    // ---- OpenAI Chat Completions ----

    static byte[] openAiCompletion(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", plan.id()).put("object", "chat.completion").put("created", plan.created()).put("model", plan.model());
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", plan.text()).putNull("refusal")
                .putArray("annotations");
        choice.putNull("logprobs").put("finish_reason", "stop");
        root.set("usage", openAiUsage(plan));
        root.put("service_tier", "default").put("system_fingerprint", "fp_fake");
        return bytes(root);
    }

    static List<WireEvent> openAiStream(Plan plan, boolean includeUsage) {
        List<WireEvent> events = new ArrayList<>();
        ObjectNode first = openAiChunk(plan, includeUsage);
        ObjectNode firstChoice = (ObjectNode) first.get("choices").get(0);
        firstChoice.putObject("delta").put("role", "assistant").put("content", "").putNull("refusal");
        firstChoice.putNull("logprobs").putNull("finish_reason");
        events.add(new WireEvent(data(first), false));
        for (String piece : plan.pieces()) {
            ObjectNode chunk = openAiChunk(plan, includeUsage);
            ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
            choice.putObject("delta").put("content", piece);
            choice.putNull("logprobs").putNull("finish_reason");
            events.add(new WireEvent(data(chunk), true));
        }
        ObjectNode last = openAiChunk(plan, includeUsage);
        ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
        lastChoice.putObject("delta");
        lastChoice.putNull("logprobs").put("finish_reason", "stop");
        events.add(new WireEvent(data(last), false));
        if (includeUsage) {
            ObjectNode usage = openAiChunk(plan, false);
            usage.putArray("choices");
            usage.set("usage", openAiUsage(plan));
            events.add(new WireEvent(data(usage), false));
        }
        events.add(new WireEvent(utf8("data: [DONE]\n\n"), false));
        return events;
    }

    /** {@code {"error":{"message","type","param","code"}}} as OpenAI answers errors. */
    static byte[] openAiError(int status, String message) {
        String type;
        String code;
        if (status == 429) {
            type = "requests";
            code = "rate_limit_exceeded";
        } else if (status == 401) {
            type = "invalid_request_error";
            code = "invalid_api_key";
        } else if (status == 404) {
            type = "invalid_request_error";
            code = "model_not_found";
        } else if (status >= 500) {
            type = "server_error";
            code = null;
        } else {
            type = "invalid_request_error";
            code = null;
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return bytes(root);
    }

    static byte[] openAiModels(List<String> ids) {
        ObjectNode root = MAPPER.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : ids) {
            data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L).put("owned_by", "fake");
        }
        return bytes(root);
    }

    private static ObjectNode openAiChunk(Plan plan, boolean includeUsage) {
        ObjectNode chunk = MAPPER.createObjectNode();
        chunk.put("id", plan.id()).put("object", "chat.completion.chunk").put("created", plan.created())
                .put("model", plan.model()).put("service_tier", "default").put("system_fingerprint", "fp_fake");
        chunk.putArray("choices").addObject().put("index", 0);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode openAiUsage(Plan plan) {
        ObjectNode usage = MAPPER.createObjectNode();
        usage.put("prompt_tokens", plan.input()).put("completion_tokens", plan.output())
                .put("total_tokens", plan.input() + plan.output());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    // ---- Anthropic Messages ----

    static byte[] anthropicMessage(Plan plan) {
        ObjectNode root = anthropicMessageHead(plan);
        root.putArray("content").addObject().put("type", "text").put("text", plan.text());
        root.put("stop_reason", "end_turn").putNull("stop_sequence");
        root.set("usage", anthropicUsage(plan.input(), plan.cacheCreation(), plan.cacheRead(), plan.output()));
        return bytes(root);
    }

    /** message_start, content_block_start, ping, content_block_delta…, content_block_stop, message_delta, message_stop. */
    static List<WireEvent> anthropicStream(Plan plan) {
        List<WireEvent> events = new ArrayList<>();
        ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode message = anthropicMessageHead(plan);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", plan.inputInDelta()
                ? anthropicUsage(0, 0, 0, 1)
                : anthropicUsage(plan.input(), plan.cacheCreation(), plan.cacheRead(), 1));
        start.set("message", message);
        events.add(meta("message_start", start));

        ObjectNode blockStart = MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        events.add(meta("content_block_start", blockStart));
        events.add(new WireEvent(utf8("event: ping\ndata: {\"type\": \"ping\"}\n\n"), false));
        for (String piece : plan.pieces()) {
            ObjectNode delta = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            events.add(new WireEvent(event("content_block_delta", delta), true));
        }
        events.add(meta("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0)));

        ObjectNode messageDelta = MAPPER.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        ObjectNode usage = messageDelta.putObject("usage");
        if (plan.inputInDelta()) {
            usage.put("input_tokens", plan.input())
                    .put("cache_creation_input_tokens", plan.cacheCreation())
                    .put("cache_read_input_tokens", plan.cacheRead());
        }
        usage.put("output_tokens", plan.output());
        events.add(meta("message_delta", messageDelta));
        events.add(meta("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
        return events;
    }

    /** {@code {"type":"error","error":{"type","message"}}} as Anthropic answers errors. */
    static byte[] anthropicError(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
        ObjectNode root = MAPPER.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return bytes(root);
    }

    static byte[] anthropicCountTokens(long inputTokens) {
        return bytes(MAPPER.createObjectNode().put("input_tokens", inputTokens));
    }

    static byte[] anthropicModels(List<String> ids) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (String id : ids) {
            data.addObject().put("type", "model").put("id", id).put("display_name", id).put("created_at", "2025-01-01T00:00:00Z");
        }
        root.put("has_more", false);
        root.put("first_id", ids.isEmpty() ? null : ids.get(0));
        root.put("last_id", ids.isEmpty() ? null : ids.get(ids.size() - 1));
        return bytes(root);
    }

    private static ObjectNode anthropicMessageHead(Plan plan) {
        return MAPPER.createObjectNode().put("id", plan.id()).put("type", "message").put("role", "assistant")
                .put("model", plan.model());
    }

    private static ObjectNode anthropicUsage(long input, long cacheCreation, long cacheRead, long output) {
        ObjectNode usage = MAPPER.createObjectNode();
        usage.put("input_tokens", input)
                .put("cache_creation_input_tokens", cacheCreation)
                .put("cache_read_input_tokens", cacheRead);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", cacheCreation).put("ephemeral_1h_input_tokens", 0);
        usage.put("output_tokens", output).put("service_tier", "standard");
        return usage;
    }

    // ---- helpers ----

    /** {@code text} cut into {@code parts} pieces of nearly equal length, never inside a code point. */
    static List<String> split(String text, int parts) {
        int[] codePoints = text.codePoints().toArray();
        List<String> pieces = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            int from = (int) ((long) codePoints.length * i / parts);
            int to = (int) ((long) codePoints.length * (i + 1) / parts);
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                text.append(part.get("text").textValue());
            }
        }
        return text.toString();
    }

    private static byte[] data(ObjectNode json) {
        return utf8("data: " + string(json) + "\n\n");
    }

    private static WireEvent meta(String name, ObjectNode json) {
        return new WireEvent(event(name, json), false);
    }

    private static byte[] event(String name, ObjectNode json) {
        return utf8("event: " + name + "\ndata: " + string(json) + "\n\n");
    }

    private static String string(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ObjectNode json) {
        return utf8(string(json));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
