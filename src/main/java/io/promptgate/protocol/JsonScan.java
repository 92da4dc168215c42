package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
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
                JsonNode value = parser.readValueAsTree();
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
}
