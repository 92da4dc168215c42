package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;

/**
 * Anthropic {@code message} body → OpenAI {@code chat.completion} body, for an OpenAI caller on an
 * Anthropic exit. Stateless; never throws on upstream input.
 *
 * <ul>
 *   <li>text blocks → {@code message.content} (concatenated; null when the turn only calls
 *       tools); {@code tool_use} → {@code tool_calls} (input as a JSON string); thinking →
 *       {@code message.reasoning_content} (the field OpenAI-compatible reasoning models use);
 *       other blocks are dropped</li>
 *   <li>{@code stop_reason} → {@code finish_reason}: end_turn, stop_sequence, pause_turn → stop;
 *       max_tokens → length; tool_use → tool_calls; refusal → content_filter</li>
 *   <li>usage: prompt = input + cache read + cache creation, completion = output,
 *       {@code prompt_tokens_details.cached_tokens} = cache read</li>
 *   <li>{@code id} kept, {@code created} = now, {@code model} = the model the caller asked for
 *       (the upstream's when null)</li>
 *   <li>an error body (some proxies answer 200 with one) becomes an OpenAI error with the status
 *       its type implies; a body that is not a message becomes a 502 server_error</li>
 * </ul>
 */
public final class AnthropicToOpenAiResponse {

    private AnthropicToOpenAiResponse() {
    }

    /**
     * @param anthropicResponse the upstream's 2xx body
     * @param requestedModel    the model the caller asked for, shown back to it; null keeps the upstream's
     */
    public static TranslatedResponse translate(byte[] anthropicResponse, String requestedModel) {
        JsonNode root = AdaptJson.parse(anthropicResponse);
        if (root == null || !root.isObject()) {
            return notAMessage();
        }
        if ("error".equals(AdaptJson.text(root.get("type"))) || UpstreamErrors.errorObject(root) != null) {
            return UpstreamErrors.anthropicToOpenAi(200, anthropicResponse);
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            return notAMessage();
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        for (JsonNode block : content) {
            switch (String.valueOf(AdaptJson.text(block.get("type")))) {
                case "text" -> text.append(AdaptJson.text(block.get("text")) != null ? block.get("text").textValue() : "");
                case "thinking" -> {
                    if (AdaptJson.hasText(block.get("thinking"))) {
                        reasoning.append(block.get("thinking").textValue());
                    }
                }
                case "tool_use" -> toolCalls.add(toolCall(block));
                default -> {
                    // redacted thinking, server tool blocks: no Chat Completions form
                }
            }
        }

        ObjectNode out = Json.MAPPER.createObjectNode();
        String id = AdaptJson.text(root.get("id"));
        out.put("id", id != null && !id.isEmpty() ? id : AdaptJson.randomId("chatcmpl-"));
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        String model = requestedModel != null ? requestedModel : AdaptJson.text(root.get("model"));
        out.put("model", model != null ? model : "");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toOpenAi(AdaptJson.text(root.get("stop_reason"))));
        Usages.Counts counts = Usages.fromAnthropic(root.get("usage"));
        out.set("usage", (counts != null ? counts : Usages.Counts.ZERO).openAi());
        return new TranslatedResponse(200, AdaptJson.bytes(out), counts != null ? counts.tokenUsage() : TokenUsage.NONE);
    }

    static ObjectNode toolCall(JsonNode toolUse) {
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("id", AdaptJson.text(toolUse.get("id")));
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", AdaptJson.text(toolUse.get("name")));
        function.put("arguments", AdaptJson.toolArguments(toolUse.get("input")));
        return call;
    }

    private static TranslatedResponse notAMessage() {
        ObjectNode body = UpstreamErrors.openAiBody("api_error", "upstream returned a response that is not a message");
        return new TranslatedResponse(502, AdaptJson.bytes(body), TokenUsage.NONE);
    }
}
