package io.promptgate.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.RequestBodies;
import io.promptgate.protocol.sse.SseEvent;

import java.io.IOException;

/**
 * Makes a streaming OpenAI chat completion report its usage ({@code stream_options.include_usage})
 * so the gateway can record it, and tells which chunk to drop for a caller that had not asked.
 */
public final class StreamUsageOption {

    private StreamUsageOption() {
    }

    /**
     * Sets {@code stream_options.include_usage=true} on a streaming request body, keeping any other
     * stream option. A body that does not stream is left untouched (the option is only valid with
     * {@code stream:true}).
     *
     * @return true when the caller had asked for the usage chunk itself, so it must reach the caller
     */
    public static boolean ensureIncludeUsage(ObjectNode requestBody) {
        if (!RequestBodies.isStream(requestBody)) {
            return false;
        }
        JsonNode options = requestBody.get("stream_options");
        ObjectNode streamOptions;
        if (options instanceof ObjectNode existing) {
            streamOptions = existing;
        } else {
            streamOptions = requestBody.putObject("stream_options");
        }
        boolean askedByCaller = streamOptions.path("include_usage").isBoolean()
                && streamOptions.get("include_usage").booleanValue();
        if (!askedByCaller) {
            streamOptions.put("include_usage", true);
        }
        return askedByCaller;
    }

    /**
     * True for the extra chunk {@code include_usage} adds: its {@code choices} empty or absent and
     * its {@code usage} an object. Stops reading at the first non-empty {@code choices}.
     */
    public static boolean isUsageOnlyChunk(SseEvent event) {
        String data = event.data();
        if (data.indexOf("\"usage\"") < 0) {
            return false;
        }
        try (JsonParser parser = Json.MAPPER.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean usageObject = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("choices".equals(name)) {
                    boolean empty = value == JsonToken.VALUE_NULL
                            || (value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.END_ARRAY);
                    if (!empty) {
                        return false;
                    }
                } else if ("usage".equals(name)) {
                    usageObject = value == JsonToken.START_OBJECT;
                    parser.skipChildren();
                } else {
                    parser.skipChildren();
                }
            }
            return usageObject;
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
    }
}
