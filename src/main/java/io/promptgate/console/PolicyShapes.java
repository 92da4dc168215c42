package io.promptgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A policy preview as the two request shapes carry it: the OpenAI system message and the
 * Anthropic top-level {@code system}, around one sample user message.
 */
final class PolicyShapes {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyShapes() {
    }

    static String openAi(String system, String userMessage) {
        ObjectNode body = JSON.createObjectNode();
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", userMessage);
        return write(body);
    }

    static String anthropic(String system, String userMessage) {
        ObjectNode body = JSON.createObjectNode();
        body.put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", userMessage);
        return write(body);
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
