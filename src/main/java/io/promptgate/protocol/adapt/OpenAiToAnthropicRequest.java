package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OpenAI Chat Completions request → Anthropic Messages request, for an OpenAI caller on a
 * provider with only an Anthropic exit. Stateless; the input is not modified.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages (wherever they stand) → {@code system}, their
 *       texts joined with a blank line</li>
 *   <li>{@code tool} messages → {@code tool_result} blocks in a user turn; consecutive turns of the
 *       same role (several tool messages, tool results then user text) are merged into one turn,
 *       so the results sit first in the user turn after the assistant's {@code tool_use}</li>
 *   <li>assistant {@code tool_calls} → {@code tool_use} blocks, arguments parsed (text that is not a
 *       JSON object is kept as {@code {"_unparsed_arguments": "…"}}); {@code refusal} → text;
 *       an assistant turn with nothing in it is left out (Anthropic rejects empty turns)</li>
 *   <li>content parts: {@code text} → text blocks; {@code image_url} with a {@code data:} URL → a
 *       base64 image source, any other URL → a url source; {@code file} with PDF data → a base64
 *       document; audio and unknown parts are dropped. A turn that is one text block stays a string</li>
 *   <li>{@code tools} (functions) → {@code name} / {@code description} / {@code input_schema};
 *       {@code tool_choice} auto/required/none/named → auto/any/none/tool;
 *       {@code parallel_tool_calls: false} → {@code disable_parallel_tool_use: true}</li>
 *   <li>{@code max_completion_tokens}, else {@code max_tokens}, else
 *       {@link RequestOptions#defaultMaxTokens()} → {@code max_tokens} (required by Anthropic)</li>
 *   <li>{@code stop} (a string or list) → {@code stop_sequences}; {@code temperature} (clamped to
 *       Anthropic's 0–1) and {@code top_p} copied; {@code user} → {@code metadata.user_id}</li>
 *   <li>{@code reasoning_effort} low / medium / high → {@code thinking} with a budget of
 *       4,096 / 16,384 / 32,768 tokens, kept below {@code max_tokens}; left out when that leaves
 *       less than Anthropic's minimum of 1,024. With thinking on, {@code temperature} and
 *       {@code top_p} are dropped (Anthropic rejects them together)</li>
 *   <li>{@code stream: true} → {@code stream: true}; {@code stream_options} is dropped (see
 *       {@link #includeUsageRequested(ObjectNode)} for the stream translator's flag)</li>
 *   <li>dropped: {@code n}, penalties, {@code logprobs}, {@code logit_bias}, {@code seed},
 *       {@code response_format}, {@code service_tier}, {@code store}, legacy {@code functions} and
 *       every other OpenAI-only field</li>
 * </ul>
 */
public final class OpenAiToAnthropicRequest {

    /** Anthropic's smallest thinking budget. */
    public static final long MIN_THINKING_BUDGET = 1_024;

    private static final String BLOCK_SEPARATOR = "\n\n";
    private static final BigDecimal MAX_TEMPERATURE = BigDecimal.ONE;

    private OpenAiToAnthropicRequest() {
    }

    /** The Anthropic request body for {@code openAiRequest}; a new object. */
    public static ObjectNode translate(ObjectNode openAiRequest, RequestOptions options) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode model = openAiRequest.get("model");
        if (model != null) {
            out.set("model", model.deepCopy());
        }
        long maxTokens = maxTokens(openAiRequest, options);
        out.put("max_tokens", maxTokens);

        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        JsonNode messages = openAiRequest.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                addMessage(message, system, turns);
            }
        }
        if (!system.isEmpty()) {
            out.put("system", String.join(BLOCK_SEPARATOR, system));
        }
        ArrayNode outMessages = out.putArray("messages");
        for (Turn turn : turns) {
            if (!turn.blocks.isEmpty()) {
                outMessages.add(turn.toJson());
            }
        }

        JsonNode thinking = thinking(openAiRequest, maxTokens);
        if (thinking == null) {
            JsonNode temperature = openAiRequest.get("temperature");
            if (temperature != null && temperature.isNumber()) {
                out.set("temperature", temperature.decimalValue().compareTo(MAX_TEMPERATURE) > 0
                        ? Json.MAPPER.getNodeFactory().numberNode(MAX_TEMPERATURE) : temperature.deepCopy());
            }
            JsonNode topP = openAiRequest.get("top_p");
            if (topP != null && topP.isNumber()) {
                out.set("top_p", topP.deepCopy());
            }
        }
        JsonNode stop = openAiRequest.get("stop");
        if (stop != null && stop.isTextual() && !stop.textValue().isEmpty()) {
            out.putArray("stop_sequences").add(stop.textValue());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            ArrayNode sequences = out.putArray("stop_sequences");
            stop.forEach(sequence -> {
                if (AdaptJson.hasText(sequence)) {
                    sequences.add(sequence.textValue());
                }
            });
            if (sequences.isEmpty()) {
                out.remove("stop_sequences");
            }
        }
        JsonNode stream = openAiRequest.get("stream");
        if (stream != null && stream.isBoolean() && stream.booleanValue()) {
            out.put("stream", true);
        }
        addTools(openAiRequest, out);
        if (thinking != null) {
            out.set("thinking", thinking);
        }
        String user = AdaptJson.text(openAiRequest.get("user"));
        if (user != null && !user.isEmpty()) {
            out.putObject("metadata").put("user_id", user);
        }
        return out;
    }

    /**
     * True when an OpenAI caller asked for the usage chunk ({@code stream_options.include_usage:
     * true}): the flag for {@link AnthropicToOpenAiStream}.
     */
    public static boolean includeUsageRequested(ObjectNode openAiRequest) {
        JsonNode flag = openAiRequest.path("stream_options").get("include_usage");
        return flag != null && flag.isBoolean() && flag.booleanValue();
    }

    private static long maxTokens(ObjectNode in, RequestOptions options) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = in.get(field);
            if (value != null && value.canConvertToLong() && value.longValue() > 0) {
                return value.longValue();
            }
        }
        return options.defaultMaxTokens();
    }

    private static JsonNode thinking(ObjectNode in, long maxTokens) {
        String effort = AdaptJson.text(in.get("reasoning_effort"));
        if (effort == null) {
            return null;
        }
        long budget = switch (effort) {
            case "low" -> 4_096;
            case "medium" -> 16_384;
            case "high" -> 32_768;
            default -> 0; // "minimal", "none" or unknown: no extended thinking
        };
        budget = Math.min(budget, maxTokens - 1);
        if (budget < MIN_THINKING_BUDGET) {
            return null;
        }
        return Json.MAPPER.createObjectNode().put("type", "enabled").put("budget_tokens", budget);
    }

    private static void addMessage(JsonNode message, List<String> system, List<Turn> turns) {
        String role = AdaptJson.text(message.get("role"));
        if (role == null) {
            return;
        }
        switch (role) {
            case "system", "developer" -> {
                String text = OpenAiToAnthropicResponse.contentText(message.get("content"));
                if (!text.isEmpty()) {
                    system.add(text);
                }
            }
            case "user" -> turn(turns, "user").addContent(message.get("content"));
            case "tool" -> {
                ObjectNode result = Json.MAPPER.createObjectNode();
                result.put("type", "tool_result");
                result.put("tool_use_id", AdaptJson.text(message.get("tool_call_id")));
                result.set("content", toolResultContent(message.get("content")));
                turn(turns, "user").blocks.add(result);
            }
            case "assistant" -> {
                Turn turn = turn(turns, "assistant");
                turn.addContent(message.get("content"));
                if (turn.blocks.isEmpty() && AdaptJson.hasText(message.get("refusal"))) {
                    turn.addText(message.get("refusal").textValue());
                }
                JsonNode toolCalls = message.get("tool_calls");
                if (toolCalls != null && toolCalls.isArray()) {
                    for (JsonNode call : toolCalls) {
                        JsonNode function = call.path("function");
                        ObjectNode block = Json.MAPPER.createObjectNode();
                        block.put("type", "tool_use");
                        String id = AdaptJson.text(call.get("id"));
                        block.put("id", id != null && !id.isEmpty() ? id : AdaptJson.randomId("toolu_"));
                        block.put("name", AdaptJson.text(function.get("name")));
                        block.set("input", AdaptJson.toolInput(function.get("arguments")));
                        turn.blocks.add(block);
                    }
                }
            }
            default -> {
                // legacy "function" messages have no tool call id to answer; dropped
            }
        }
    }

    // the current turn when it has this role, else a new one; a turn left empty (an assistant
    // message with nothing in it) is dropped first, so the turns around it can merge
    private static Turn turn(List<Turn> turns, String role) {
        while (!turns.isEmpty() && turns.get(turns.size() - 1).blocks.isEmpty()) {
            turns.remove(turns.size() - 1);
        }
        if (!turns.isEmpty()) {
            Turn last = turns.get(turns.size() - 1);
            if (last.role.equals(role)) {
                return last;
            }
        }
        Turn turn = new Turn(role);
        turns.add(turn);
        return turn;
    }

    private static JsonNode toolResultContent(JsonNode content) {
        if (content == null || content.isNull()) {
            return Json.MAPPER.getNodeFactory().textNode("");
        }
        if (content.isTextual()) {
            return content.deepCopy();
        }
        if (content.isArray()) {
            ArrayNode blocks = Json.MAPPER.createArrayNode();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    blocks.addObject().put("type", "text").put("text", part.textValue());
                } else if ("text".equals(AdaptJson.text(part.get("type"))) && AdaptJson.hasText(part.get("text"))) {
                    blocks.addObject().put("type", "text").put("text", part.get("text").textValue());
                } else if ("image_url".equals(AdaptJson.text(part.get("type")))) {
                    ObjectNode image = imageBlock(part.get("image_url"));
                    if (image != null) {
                        blocks.add(image);
                    }
                }
            }
            return blocks;
        }
        return Json.MAPPER.getNodeFactory().textNode(content.toString());
    }

    private static void addTools(ObjectNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        ArrayNode outTools = Json.MAPPER.createArrayNode();
        if (tools != null && tools.isArray()) {
            for (JsonNode tool : tools) {
                JsonNode function = tool.get("function");
                String name = function == null ? null : AdaptJson.text(function.get("name"));
                if (name == null || !"function".equals(AdaptJson.text(tool.get("type")))) {
                    continue; // custom (free-text) tools have no Anthropic form
                }
                ObjectNode outTool = outTools.addObject();
                outTool.put("name", name);
                String description = AdaptJson.text(function.get("description"));
                if (description != null) {
                    outTool.put("description", description);
                }
                JsonNode parameters = function.get("parameters");
                if (parameters != null && parameters.isObject()) {
                    outTool.set("input_schema", parameters.deepCopy());
                } else {
                    outTool.putObject("input_schema").put("type", "object").putObject("properties");
                }
            }
        }
        if (outTools.isEmpty()) {
            return;
        }
        out.set("tools", outTools);
        ObjectNode choice = null;
        JsonNode inChoice = in.get("tool_choice");
        if (inChoice != null && inChoice.isTextual()) {
            switch (inChoice.textValue()) {
                case "auto" -> choice = Json.MAPPER.createObjectNode().put("type", "auto");
                case "required" -> choice = Json.MAPPER.createObjectNode().put("type", "any");
                case "none" -> choice = Json.MAPPER.createObjectNode().put("type", "none");
                default -> {
                    // unknown: Anthropic's default (auto)
                }
            }
        } else if (inChoice != null && inChoice.isObject()) {
            String name = AdaptJson.text(inChoice.path("function").get("name"));
            if (name != null) {
                choice = Json.MAPPER.createObjectNode().put("type", "tool").put("name", name);
            }
        }
        JsonNode parallel = in.get("parallel_tool_calls");
        if (parallel != null && parallel.isBoolean() && !parallel.booleanValue()) {
            if (choice == null) {
                choice = Json.MAPPER.createObjectNode().put("type", "auto");
            }
            if (!"none".equals(AdaptJson.text(choice.get("type")))) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null) {
            out.set("tool_choice", choice);
        }
    }

    /** An Anthropic image block for an OpenAI {@code image_url} object, or null without a URL. */
    static ObjectNode imageBlock(JsonNode imageUrl) {
        String url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl.textValue() : AdaptJson.text(imageUrl.get("url"));
        if (url == null || url.isEmpty()) {
            return null;
        }
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        DataUrl data = DataUrl.parse(url);
        if (data != null) {
            source.put("type", "base64").put("media_type", data.mediaType()).put("data", data.data());
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    /** A {@code data:<media type>;base64,<data>} URL. */
    record DataUrl(String mediaType, String data) {
        static DataUrl parse(String url) {
            if (!url.regionMatches(true, 0, "data:", 0, 5)) {
                return null;
            }
            int comma = url.indexOf(',');
            if (comma < 0) {
                return null;
            }
            String header = url.substring(5, comma);
            if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                return null;
            }
            String mediaType = header.substring(0, header.length() - ";base64".length());
            return new DataUrl(mediaType.isEmpty() ? "application/octet-stream" : mediaType, url.substring(comma + 1));
        }
    }

    /** One Anthropic turn being built: consecutive OpenAI messages of one role. */
    private static final class Turn {
        final String role;
        final List<ObjectNode> blocks = new ArrayList<>();

        Turn(String role) {
            this.role = role;
        }

        void addContent(JsonNode content) {
            if (content == null || content.isNull()) {
                return;
            }
            if (content.isTextual()) {
                addText(content.textValue());
                return;
            }
            if (!content.isArray()) {
                return;
            }
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    addText(part.textValue());
                    continue;
                }
                String type = String.valueOf(AdaptJson.text(part.get("type")));
                switch (type) {
                    case "text" -> addText(AdaptJson.text(part.get("text")));
                    case "refusal" -> addText(AdaptJson.text(part.get("refusal")));
                    case "image_url" -> {
                        ObjectNode image = imageBlock(part.get("image_url"));
                        if (image != null) {
                            blocks.add(image);
                        }
                    }
                    case "file" -> addFile(part.get("file"));
                    default -> {
                        // input_audio and unknown parts have no Anthropic form
                    }
                }
            }
        }

        void addText(String text) {
            if (text != null && !text.isEmpty()) {
                blocks.add(Json.MAPPER.createObjectNode().put("type", "text").put("text", text));
            }
        }

        private void addFile(JsonNode file) {
            String fileData = file == null ? null : AdaptJson.text(file.get("file_data"));
            DataUrl data = fileData == null ? null : DataUrl.parse(fileData);
            if (data == null || !data.mediaType().equalsIgnoreCase("application/pdf")) {
                return; // file ids and other formats cannot be sent to Anthropic inline
            }
            ObjectNode block = Json.MAPPER.createObjectNode().put("type", "document");
            block.putObject("source").put("type", "base64").put("media_type", "application/pdf").put("data", data.data());
            String filename = AdaptJson.text(file.get("filename"));
            if (filename != null && !filename.isEmpty()) {
                block.put("title", filename);
            }
            blocks.add(block);
        }

        ObjectNode toJson() {
            ObjectNode message = Json.MAPPER.createObjectNode().put("role", role);
            if (blocks.size() == 1 && "text".equals(blocks.get(0).get("type").textValue())) {
                message.put("content", blocks.get(0).get("text").textValue());
            } else {
                ArrayNode content = message.putArray("content");
                blocks.forEach(content::add);
            }
            return message;
        }
    }
}
