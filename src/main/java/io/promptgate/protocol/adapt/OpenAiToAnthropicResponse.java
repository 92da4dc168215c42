package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;

/**
 * OpenAI {@code chat.completion} body → Anthropic {@code message} body, for an Anthropic caller on
 * an OpenAI exit. Stateless; never throws on upstream input.
 *
 * <ul>
 *   <li>the first choice becomes {@code content}: reasoning ({@code reasoning_content}, or
 *       {@code reasoning}) → a {@code thinking} block (empty signature), text → a {@code text}
 *       block (a {@code refusal} too, when there is no text), each tool call → a {@code tool_use}
 *       block whose {@code input} is the parsed arguments (text that is not a JSON object is kept
 *       as {@code {"_unparsed_arguments": "…"}}); the legacy {@code function_call} is read too</li>
 *   <li>{@code finish_reason} → {@code stop_reason}: stop → end_turn, length → max_tokens,
 *       tool_calls → tool_use, content_filter → refusal, missing → end_turn; a turn with tool
 *       calls that "stopped" reports tool_use. {@code stop_sequence} is always null (OpenAI does
 *       not say which sequence matched)</li>
 *   <li>usage: {@code input_tokens} = prompt − cached, {@code cache_read_input_tokens} = cached
 *       ({@code prompt_tokens_details.cached_tokens}), {@code output_tokens} = completion</li>
 *   <li>{@code id} = {@code msg_} + the upstream id (random when absent); {@code model} = the
 *       model the caller asked for (the upstream's when null)</li>
 *   <li>an error object (some upstreams answer 200 with one) becomes an Anthropic error with the
 *       status its type implies; a body that is not a chat completion becomes a 502 api_error</li>
 * </ul>
 */
public final class OpenAiToAnthropicResponse {

    private OpenAiToAnthropicResponse() {
    }

    /**
     * @param openAiResponse the upstream's 2xx body
     * @param requestedModel the model the caller asked for, shown back to it; null keeps the upstream's
     */
    public static TranslatedResponse translate(byte[] openAiResponse, String requestedModel) {
        JsonNode root = AdaptJson.parse(openAiResponse);
        if (root == null || !root.isObject()) {
            return notACompletion();
        }
        JsonNode choices = root.get("choices");
        if (UpstreamErrors.errorObject(root) != null && (choices == null || choices.isEmpty())) {
            return UpstreamErrors.openAiToAnthropic(200, openAiResponse);
        }
        JsonNode choice = firstChoice(choices);
        if (choice == null) {
            return notACompletion();
        }
        JsonNode message = choice.path("message");

        ObjectNode out = Json.MAPPER.createObjectNode();
        String upstreamId = AdaptJson.text(root.get("id"));
        out.put("id", upstreamId != null && !upstreamId.isEmpty() ? "msg_" + upstreamId : AdaptJson.randomId("msg_"));
        out.put("type", "message");
        out.put("role", "assistant");
        String model = requestedModel != null ? requestedModel : AdaptJson.text(root.get("model"));
        out.put("model", model != null ? model : "");
        ArrayNode content = out.putArray("content");

        String reasoning = reasoningText(message);
        if (reasoning != null) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
        }
        String text = contentText(message.get("content"));
        if (text.isEmpty() && AdaptJson.hasText(message.get("refusal"))) {
            text = message.get("refusal").textValue();
        }
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        boolean hasToolUse = false;
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                JsonNode function = call.path("function");
                addToolUse(content, AdaptJson.text(call.get("id")), AdaptJson.text(function.get("name")), function.get("arguments"));
                hasToolUse = true;
            }
        }
        JsonNode functionCall = message.get("function_call");
        if (functionCall != null && functionCall.isObject()) {
            addToolUse(content, null, AdaptJson.text(functionCall.get("name")), functionCall.get("arguments"));
            hasToolUse = true;
        }

        String stopReason = StopReasons.withTools(StopReasons.toAnthropic(AdaptJson.text(choice.get("finish_reason"))), hasToolUse);
        out.put("stop_reason", stopReason);
        out.putNull("stop_sequence");
        Usages.Counts counts = Usages.fromOpenAi(root.get("usage"));
        out.set("usage", (counts != null ? counts : Usages.Counts.ZERO).anthropic());
        TokenUsage usage = counts != null ? counts.tokenUsage() : TokenUsage.NONE;
        return new TranslatedResponse(200, AdaptJson.bytes(out), usage);
    }

    /** Reasoning text of a message or a stream delta: {@code reasoning_content}, else {@code reasoning}. */
    static String reasoningText(JsonNode messageOrDelta) {
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            JsonNode value = messageOrDelta.get(field);
            if (AdaptJson.hasText(value)) {
                return value.textValue();
            }
        }
        return null;
    }

    /** Text of OpenAI message content: a string, or the text of its parts; "" when none. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                text.append(part.textValue());
            } else if (AdaptJson.hasText(part.get("text"))) {
                text.append(part.get("text").textValue());
            }
        }
        return text.toString();
    }

    private static void addToolUse(ArrayNode content, String id, String name, JsonNode arguments) {
        ObjectNode block = content.addObject();
        block.put("type", "tool_use");
        block.put("id", id != null && !id.isEmpty() ? id : AdaptJson.randomId("toolu_"));
        block.put("name", name != null ? name : "");
        block.set("input", AdaptJson.toolInput(arguments));
    }

    private static JsonNode firstChoice(JsonNode choices) {
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            return null;
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) == 0) {
                return choice;
            }
        }
        return choices.get(0);
    }

    private static TranslatedResponse notACompletion() {
        ObjectNode body = UpstreamErrors.anthropicBody("api_error", "upstream returned a response that is not a chat completion");
        return new TranslatedResponse(502, AdaptJson.bytes(body), TokenUsage.NONE);
    }
}
