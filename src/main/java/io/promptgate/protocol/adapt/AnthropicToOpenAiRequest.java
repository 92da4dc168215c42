package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages request → OpenAI Chat Completions request, for an Anthropic caller on a
 * provider with only an OpenAI-compatible exit. Stateless; the input is not modified.
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks, joined with a blank line) → one leading
 *       {@code system} message</li>
 *   <li>user {@code tool_result} blocks → one {@code role: tool} message each, before the rest of
 *       that turn; their content is made text (text blocks joined with a newline); images in a
 *       tool result (a tool message can only hold text) go into the user message that follows</li>
 *   <li>text-only content becomes a string (blocks joined with a blank line); content with images
 *       becomes parts ({@code text} / {@code image_url}, a {@code data:} URL for base64 images);
 *       a base64 PDF document becomes a {@code file} part, a plain-text document a text part, other
 *       documents are dropped</li>
 *   <li>assistant {@code tool_use} → {@code tool_calls} (arguments as a JSON string);
 *       {@code thinking} / {@code redacted_thinking} blocks are dropped (upstreams do not take
 *       reasoning back)</li>
 *   <li>{@code max_tokens} → {@code max_tokens} or {@code max_completion_tokens}
 *       ({@link RequestOptions#maxCompletionTokens()}); {@code stop_sequences} → {@code stop};
 *       {@code temperature}, {@code top_p} copied; {@code metadata.user_id} → {@code user}</li>
 *   <li>{@code tools} with an {@code input_schema} → functions; server tools (no schema) are dropped;
 *       {@code tool_choice} auto/any/none/tool → auto/required/none/named function;
 *       {@code disable_parallel_tool_use} → {@code parallel_tool_calls: false}</li>
 *   <li>{@code thinking.budget_tokens} → {@code reasoning_effort} (see {@link #reasoningEffort(long)})</li>
 *   <li>{@code stream: true} → {@code stream: true} and {@code stream_options.include_usage: true}</li>
 *   <li>dropped: {@code top_k}, {@code cache_control}, {@code service_tier}, {@code container},
 *       {@code mcp_servers} and every other Anthropic-only field</li>
 * </ul>
 */
public final class AnthropicToOpenAiRequest {

    /** Budgets below this many thinking tokens ask for {@code reasoning_effort: low}. */
    public static final long MEDIUM_EFFORT_BUDGET = 8_192;
    /** Budgets from this many thinking tokens ask for {@code reasoning_effort: high}. */
    public static final long HIGH_EFFORT_BUDGET = 24_576;

    private static final String BLOCK_SEPARATOR = "\n\n";

    private AnthropicToOpenAiRequest() {
    }

    /** The OpenAI request body for {@code anthropicRequest}; a new object. */
    public static ObjectNode translate(ObjectNode anthropicRequest, RequestOptions options) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode model = anthropicRequest.get("model");
        if (model != null) {
            out.set("model", model.deepCopy());
        }
        ArrayNode messages = out.putArray("messages");
        String system = systemText(anthropicRequest.get("system"));
        if (system != null && !system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        JsonNode inMessages = anthropicRequest.get("messages");
        if (inMessages != null && inMessages.isArray()) {
            for (JsonNode message : inMessages) {
                addMessage(messages, message);
            }
        }

        JsonNode maxTokens = anthropicRequest.get("max_tokens");
        if (maxTokens != null && maxTokens.isNumber()) {
            out.set(options.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens", maxTokens.deepCopy());
        }
        copyNumber(anthropicRequest, out, "temperature");
        copyNumber(anthropicRequest, out, "top_p");
        JsonNode stops = anthropicRequest.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            out.set("stop", stops.deepCopy());
        }
        if (isTrue(anthropicRequest.get("stream"))) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        addTools(anthropicRequest, out);
        if (options.reasoningEffort()) {
            JsonNode thinking = anthropicRequest.get("thinking");
            if (thinking != null && "enabled".equals(AdaptJson.text(thinking.get("type")))
                    && thinking.path("budget_tokens").canConvertToLong()) {
                out.put("reasoning_effort", reasoningEffort(thinking.path("budget_tokens").longValue()));
            }
        }
        String userId = AdaptJson.text(anthropicRequest.path("metadata").get("user_id"));
        if (userId != null && !userId.isEmpty()) {
            out.put("user", userId);
        }
        return out;
    }

    /**
     * {@code reasoning_effort} for a thinking budget: below {@value #MEDIUM_EFFORT_BUDGET} tokens
     * {@code low}, below {@value #HIGH_EFFORT_BUDGET} {@code medium}, else {@code high}. The common
     * client budgets (4,000 / 10,000 / 31,999) land on low / medium / high.
     */
    public static String reasoningEffort(long budgetTokens) {
        if (budgetTokens < MEDIUM_EFFORT_BUDGET) {
            return "low";
        }
        return budgetTokens < HIGH_EFFORT_BUDGET ? "medium" : "high";
    }

    private static String systemText(JsonNode system) {
        if (system == null || system.isNull()) {
            return null;
        }
        if (system.isTextual()) {
            return system.textValue();
        }
        if (!system.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : system) {
            String text = block.isTextual() ? block.textValue() : AdaptJson.text(block.get("text"));
            if (text != null && !text.isEmpty()) {
                texts.add(text);
            }
        }
        return String.join(BLOCK_SEPARATOR, texts);
    }

    private static void addMessage(ArrayNode messages, JsonNode message) {
        String role = AdaptJson.text(message.get("role"));
        if (role == null) {
            return;
        }
        JsonNode content = message.get("content");
        if ("assistant".equals(role)) {
            addAssistant(messages, content);
        } else {
            addUser(messages, role, content);
        }
    }

    private static void addUser(ArrayNode messages, String role, JsonNode content) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            messages.addObject().put("role", role).put("content", content.textValue());
            return;
        }
        if (!content.isArray()) {
            return;
        }
        Parts parts = new Parts();
        for (JsonNode block : content) {
            String type = AdaptJson.text(block.get("type"));
            if ("tool_result".equals(type)) {
                ObjectNode tool = messages.addObject();
                tool.put("role", "tool");
                tool.put("tool_call_id", AdaptJson.text(block.get("tool_use_id")));
                tool.put("content", toolResultText(block.get("content"), parts));
            } else {
                parts.add(block);
            }
        }
        if (!parts.isEmpty()) {
            messages.addObject().put("role", role).set("content", parts.content());
        }
    }

    // the text of a tool result; its images go to the user message after the tool messages
    private static String toolResultText(JsonNode content, Parts userParts) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            return content.toString();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.isTextual()) {
                texts.add(block.textValue());
                continue;
            }
            String type = AdaptJson.text(block.get("type"));
            if ("text".equals(type)) {
                String text = AdaptJson.text(block.get("text"));
                if (text != null) {
                    texts.add(text);
                }
            } else if ("image".equals(type) || "document".equals(type)) {
                userParts.add(block);
            }
        }
        return String.join("\n", texts);
    }

    private static void addAssistant(ArrayNode messages, JsonNode content) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("role", "assistant");
        if (content == null || content.isNull()) {
            out.put("content", "");
            messages.add(out);
            return;
        }
        if (content.isTextual()) {
            out.put("content", content.textValue());
            messages.add(out);
            return;
        }
        List<String> texts = new ArrayList<>();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        for (JsonNode block : content) {
            String type = AdaptJson.text(block.get("type"));
            if ("text".equals(type)) {
                String text = AdaptJson.text(block.get("text"));
                if (text != null && !text.isEmpty()) {
                    texts.add(text);
                }
            } else if ("tool_use".equals(type)) {
                ObjectNode call = toolCalls.addObject();
                call.put("id", AdaptJson.text(block.get("id")));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", AdaptJson.text(block.get("name")));
                function.put("arguments", AdaptJson.toolArguments(block.get("input")));
            }
            // thinking, redacted_thinking and server tool blocks have no OpenAI form
        }
        if (texts.isEmpty() && !toolCalls.isEmpty()) {
            out.putNull("content");
        } else {
            out.put("content", String.join(BLOCK_SEPARATOR, texts));
        }
        if (!toolCalls.isEmpty()) {
            out.set("tool_calls", toolCalls);
        }
        messages.add(out);
    }

    private static void addTools(ObjectNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        ArrayNode functions = Json.MAPPER.createArrayNode();
        if (tools != null && tools.isArray()) {
            for (JsonNode tool : tools) {
                JsonNode schema = tool.get("input_schema");
                String name = AdaptJson.text(tool.get("name"));
                if (schema == null || !schema.isObject() || name == null) {
                    continue; // server tools (web search, code execution, …) run only at Anthropic
                }
                ObjectNode function = functions.addObject().put("type", "function").putObject("function");
                function.put("name", name);
                String description = AdaptJson.text(tool.get("description"));
                if (description != null) {
                    function.put("description", description);
                }
                function.set("parameters", schema.deepCopy());
            }
        }
        if (functions.isEmpty()) {
            return; // OpenAI rejects tool_choice and parallel_tool_calls without tools
        }
        out.set("tools", functions);
        JsonNode choice = in.get("tool_choice");
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (String.valueOf(AdaptJson.text(choice.get("type")))) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice");
                named.put("type", "function");
                named.putObject("function").put("name", AdaptJson.text(choice.get("name")));
            }
            default -> {
                // unknown choice: the upstream's default (auto)
            }
        }
        if (isTrue(choice.get("disable_parallel_tool_use"))) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static void copyNumber(ObjectNode in, ObjectNode out, String field) {
        JsonNode value = in.get(field);
        if (value != null && value.isNumber()) {
            out.set(field, value.deepCopy());
        }
    }

    private static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** The non-tool-result blocks of one user turn, as OpenAI content. */
    private static final class Parts {
        private final ArrayNode parts = Json.MAPPER.createArrayNode();
        private boolean onlyText = true;

        void add(JsonNode block) {
            if (block.isTextual()) {
                addText(block.textValue());
                return;
            }
            String type = AdaptJson.text(block.get("type"));
            if (type == null) {
                return;
            }
            switch (type) {
                case "text" -> addText(AdaptJson.text(block.get("text")));
                case "image" -> addImage(block.get("source"));
                case "document" -> addDocument(block);
                default -> {
                    // search results, server tool blocks, …: no OpenAI form
                }
            }
        }

        private void addText(String text) {
            if (text != null && !text.isEmpty()) {
                parts.addObject().put("type", "text").put("text", text);
            }
        }

        private void addImage(JsonNode source) {
            String url = switch (String.valueOf(AdaptJson.text(source == null ? null : source.get("type")))) {
                case "base64" -> dataUrl(source, "image/png");
                case "url" -> AdaptJson.text(source.get("url"));
                default -> null;
            };
            if (url != null) {
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                onlyText = false;
            }
        }

        private void addDocument(JsonNode block) {
            JsonNode source = block.get("source");
            String sourceType = String.valueOf(AdaptJson.text(source == null ? null : source.get("type")));
            switch (sourceType) {
                case "text" -> addText(AdaptJson.text(source.get("data")));
                case "base64" -> {
                    ObjectNode file = parts.addObject().put("type", "file").putObject("file");
                    String title = AdaptJson.text(block.get("title"));
                    file.put("filename", title != null ? title : "document.pdf");
                    file.put("file_data", dataUrl(source, "application/pdf"));
                    onlyText = false;
                }
                default -> {
                    // URL, content-block and file-id documents have no Chat Completions form
                }
            }
        }

        private static String dataUrl(JsonNode source, String defaultMediaType) {
            String mediaType = AdaptJson.text(source.get("media_type"));
            String data = AdaptJson.text(source.get("data"));
            return "data:" + (mediaType != null ? mediaType : defaultMediaType) + ";base64," + (data != null ? data : "");
        }

        boolean isEmpty() {
            return parts.isEmpty();
        }

        /** A string when every part is text (joined with a blank line), else the parts. */
        JsonNode content() {
            if (!onlyText) {
                return parts;
            }
            List<String> texts = new ArrayList<>(parts.size());
            parts.forEach(part -> texts.add(part.get("text").textValue()));
            return Json.MAPPER.getNodeFactory().textNode(String.join(BLOCK_SEPARATOR, texts));
        }
    }
}
