package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Set;

/**
 * Reads a few top-level fields of a JSON object with the streaming API, skipping everything else
 * without building it (a long completion's text is never turned into a tree just to read its usage).
 */
public final class JsonScan {

    private JsonScan() {
    }

    /**
     * The named top-level fields of {@code json} (absent names are absent), or {@code null} when
     * the document is not a JSON object.
     *
     * @throws IOException when the JSON is malformed before all fields were read
     */
    public static ObjectNode pick(byte[] json, Set<String> names) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return pick(parser, names);
        }
    }

    /** As {@link #pick(byte[], Set)}, for JSON already decoded (e.g. SSE event data). */
    public static ObjectNode pick(String json, Set<String> names) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return pick(parser, names);
        }
    }

    /** A non-negative whole number held by {@code node}, or {@code null}. */
    public static Long count(JsonNode node) {
        if (node == null || !node.isNumber() || !node.canConvertToLong()) {
            return null;
        }
        long value = node.longValue();
        return value >= 0 ? value : null;
    }

    private static ObjectNode pick(JsonParser parser, Set<String> names) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        ObjectNode picked = Json.MAPPER.createObjectNode();
        int wanted = names.size();
        JsonToken token;
        while (wanted > 0 && (token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (names.contains(name)) {
                JsonNode value = readValue(parser);
                // scanning stops once every name was found, so a repeated field keeps its first value
                if (picked.putIfAbsent(name, value) == null) {
                    wanted--;
                }
            } else {
                parser.skipChildren();
            }
        }
        return picked;
    }

    /**
     * The value at the parser's current token as a tree, built directly: the mapper's tree reading
     * sets up a deserialization context per call, which cost more than the scan of a whole
     * response body when it only had to read a three-field usage object.
     */
    static JsonNode readValue(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new JsonParseException(parser, "Unexpected end of JSON");
        }
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser)); // a repeated name keeps the last value, as the mapper does
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue()); // exact, as the mapper is configured
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(parser, "Unexpected token " + token);
        };
    }
}
