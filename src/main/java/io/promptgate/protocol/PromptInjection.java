package io.promptgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.PolicyMode;
import io.promptgate.core.Protocol;

/**
 * Puts a prompt policy's text into a request's system prompt: the OpenAI {@code messages} system
 * slot or the Anthropic top-level {@code system} (string or blocks). The caller's own blocks, and
 * their {@code cache_control}, are kept; the injected text is the same bytes on every call, so
 * upstream prompt caches keep hitting.
 */
public final class PromptInjection {
    static final String SEPARATOR = "\n\n";

    private PromptInjection() {
    }

    public static void apply(Protocol protocol, ObjectNode body, PolicyMode mode, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (protocol == Protocol.ANTHROPIC) {
            applyAnthropic(body, mode, text);
        } else {
            applyOpenAi(body, mode, text);
        }
    }

    private static void applyAnthropic(ObjectNode body, PolicyMode mode, String text) {
        JsonNode system = body.get("system");
        if (mode == PolicyMode.REPLACE || system == null || system.isNull()
                || (system.isTextual() && system.asText().isEmpty())) {
            body.put("system", text);
        } else if (system.isTextual()) {
            body.put("system", joined(mode, system.asText(), text));
        } else if (system.isArray()) {
            insertTextPart((ArrayNode) system, mode, text);
        } else {
            body.put("system", text); // not a valid system value: the policy's text stands alone
        }
    }

    private static void applyOpenAi(ObjectNode body, PolicyMode mode, String text) {
        JsonNode messagesNode = body.get("messages");
        if (!(messagesNode instanceof ArrayNode messages)) {
            return; // not a chat request the policy can apply to
        }
        if (mode == PolicyMode.REPLACE) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (isSystem(messages.get(i))) {
                    messages.remove(i);
                }
            }
        }
        int first = firstSystem(messages);
        if (first < 0) {
            messages.insert(0, systemMessage(text));
            return;
        }
        ObjectNode message = (ObjectNode) messages.get(first);
        JsonNode content = message.get("content");
        if (content != null && content.isArray()) {
            insertTextPart((ArrayNode) content, mode, text);
        } else {
            message.put("content", joined(mode, content == null || content.isNull() ? "" : content.asText(), text));
        }
    }

    private static String joined(PolicyMode mode, String callers, String policy) {
        if (callers.isEmpty()) {
            return policy;
        }
        return mode == PolicyMode.PREPEND ? policy + SEPARATOR + callers : callers + SEPARATOR + policy;
    }

    private static void insertTextPart(ArrayNode parts, PolicyMode mode, String text) {
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
        if (mode == PolicyMode.PREPEND) {
            parts.insert(0, part);
        } else {
            parts.add(part);
        }
    }

    private static ObjectNode systemMessage(String text) {
        return Json.MAPPER.createObjectNode().put("role", "system").put("content", text);
    }

    private static boolean isSystem(JsonNode message) {
        return "system".equals(message.path("role").asText());
    }

    private static int firstSystem(ArrayNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (isSystem(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
