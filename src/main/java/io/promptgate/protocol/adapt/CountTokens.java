package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptgate.protocol.Json;

/**
 * An estimate of the input tokens of an Anthropic Messages request, for
 * {@code POST /v1/messages/count_tokens} on an exit that cannot count (and for the input count a
 * translated stream announces in {@code message_start}). Counted with the {@code o200k_base}
 * encoding, which is not Claude's tokenizer nor necessarily the upstream's: the result is meant
 * to err high, never to be exact.
 *
 * <ul>
 *   <li>text counted: system, message text, thinking, {@code tool_use} name and input JSON,
 *       {@code tool_result} content, plain-text documents, and each tool's name, description and
 *       input-schema JSON</li>
 *   <li>each image counts {@value #IMAGE_TOKENS} tokens (about what a large image costs);
 *       a base64 PDF {@value #DOCUMENT_PAGE_TOKENS} tokens per started
 *       {@value #DOCUMENT_PAGE_BYTES} bytes of data, other documents {@value #DOCUMENT_PAGE_TOKENS}</li>
 *   <li>overheads: {@value #MESSAGE_OVERHEAD} per message, {@value #TOOL_OVERHEAD} per tool,
 *       {@value #TOOLS_PREAMBLE} once when tools are present (the tool-use system prompt),
 *       {@value #REQUEST_OVERHEAD} per request</li>
 *   <li>the sum is raised by {@value #MARGIN_PERCENT}% and rounded up, so it is at least 1</li>
 * </ul>
 */
public final class CountTokens {

    public static final int IMAGE_TOKENS = 1_600;
    public static final int DOCUMENT_PAGE_TOKENS = 1_600;
    public static final int DOCUMENT_PAGE_BYTES = 50_000;
    public static final int MESSAGE_OVERHEAD = 4;
    public static final int TOOL_OVERHEAD = 8;
    public static final int TOOLS_PREAMBLE = 350;
    public static final int REQUEST_OVERHEAD = 3;
    public static final int MARGIN_PERCENT = 10;

    private CountTokens() {
    }

    /** The Anthropic count_tokens response body: {@code {"input_tokens": N}}. */
    public static ObjectNode estimate(ObjectNode anthropicRequest) {
        return Json.MAPPER.createObjectNode().put("input_tokens", count(anthropicRequest));
    }

    /** The estimate itself; at least 1. */
    public static long count(ObjectNode anthropicRequest) {
        long tokens = REQUEST_OVERHEAD;
        tokens += content(anthropicRequest.get("system"));
        JsonNode messages = anthropicRequest.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                tokens += MESSAGE_OVERHEAD + content(message.get("content"));
            }
        }
        JsonNode tools = anthropicRequest.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            tokens += TOOLS_PREAMBLE;
            for (JsonNode tool : tools) {
                tokens += TOOL_OVERHEAD + text(tool.get("name")) + text(tool.get("description"));
                JsonNode schema = tool.get("input_schema");
                if (schema != null && !schema.isNull()) {
                    tokens += tokens(AdaptJson.string(schema));
                }
            }
        }
        return Math.max(1, (tokens * (100 + MARGIN_PERCENT) + 99) / 100);
    }

    // a string, a block, or a list of blocks
    private static long content(JsonNode content) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            return tokens(content.textValue());
        }
        if (content.isArray()) {
            long sum = 0;
            for (JsonNode block : content) {
                sum += content(block);
            }
            return sum;
        }
        if (!content.isObject()) {
            return tokens(content.asText());
        }
        String type = String.valueOf(AdaptJson.text(content.get("type")));
        return switch (type) {
            case "text" -> text(content.get("text"));
            case "thinking" -> text(content.get("thinking"));
            case "redacted_thinking" -> text(content.get("data"));
            case "tool_use", "server_tool_use" -> text(content.get("name")) + json(content.get("input"));
            case "tool_result" -> content(content.get("content"));
            case "image" -> IMAGE_TOKENS;
            case "document" -> document(content);
            default -> json(content); // search results and other blocks: their JSON, generously
        };
    }

    private static long document(JsonNode block) {
        JsonNode source = block.path("source");
        String sourceType = String.valueOf(AdaptJson.text(source.get("type")));
        long title = text(block.get("title")) + text(block.get("context"));
        return switch (sourceType) {
            case "text" -> title + text(source.get("data"));
            case "content" -> title + content(source.get("content"));
            case "base64" -> {
                String data = AdaptJson.text(source.get("data"));
                long bytes = data == null ? 0 : data.length() * 3L / 4;
                yield title + DOCUMENT_PAGE_TOKENS * Math.max(1, (bytes + DOCUMENT_PAGE_BYTES - 1) / DOCUMENT_PAGE_BYTES);
            }
            default -> title + DOCUMENT_PAGE_TOKENS;
        };
    }

    private static long text(JsonNode node) {
        return node != null && node.isTextual() ? tokens(node.textValue()) : 0;
    }

    private static long json(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? 0 : tokens(AdaptJson.string(node));
    }

    private static long tokens(String text) {
        return text.isEmpty() ? 0 : Tokenizer.O200K.countTokensOrdinary(text);
    }

    /** The encoding, loaded on first use (its vocabulary takes a moment to read). */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
