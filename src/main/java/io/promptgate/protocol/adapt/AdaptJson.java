package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.JsonScan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** JSON helpers shared by the translators of this package. */
final class AdaptJson {

    /**
     * Field of a tool input that holds tool-call arguments which were not a JSON object: an
     * Anthropic {@code tool_use.input} must be an object, so the text is kept rather than lost.
     */
    static final String UNPARSED_ARGUMENTS = "_unparsed_arguments";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private AdaptJson() {
    }

    /** The parsed value, or {@code null} when {@code json} is absent, empty or not JSON. */
    static JsonNode parse(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /** The parsed value, or {@code null} when {@code json} is absent, empty or not JSON. */
    static JsonNode parse(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String string(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The string value of {@code node}, or {@code null} when it is missing or not a string. */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    static boolean hasText(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isEmpty();
    }

    /** A non-negative token count, or 0 when missing or not a count. */
    static long count(JsonNode node) {
        Long value = JsonScan.count(node);
        return value == null ? 0 : value;
    }

    /**
     * An Anthropic {@code tool_use.input} from OpenAI {@code function.arguments}: the JSON object
     * they encode (an upstream that sends an object instead of a string is accepted too), an empty
     * object for no arguments, else {@code {"_unparsed_arguments": "<the text>"}} — never an error.
     */
    static ObjectNode toolInput(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return Json.MAPPER.createObjectNode();
        }
        if (arguments instanceof ObjectNode object) {
            return object.deepCopy();
        }
        String text = arguments.isTextual() ? arguments.textValue() : arguments.toString();
        if (text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode parsed = parse(text);
        if (parsed instanceof ObjectNode object) {
            return object;
        }
        ObjectNode kept = Json.MAPPER.createObjectNode();
        kept.put(UNPARSED_ARGUMENTS, text);
        return kept;
    }

    /**
     * OpenAI {@code function.arguments} (a JSON string) from an Anthropic tool input; an input
     * that came from unparseable arguments gives back the original text.
     */
    static String toolArguments(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return "{}";
        }
        if (input.size() == 1 && input.get(UNPARSED_ARGUMENTS) != null && input.get(UNPARSED_ARGUMENTS).isTextual()) {
            return input.get(UNPARSED_ARGUMENTS).textValue();
        }
        if (input.isTextual()) {
            return input.textValue();
        }
        return string(input);
    }

    /** A random id with {@code prefix}, for values an upstream did not supply. */
    static String randomId(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 24).append(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
