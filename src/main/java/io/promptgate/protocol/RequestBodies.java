package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The request body as a JSON object: parse, inspect, rewrite, write back. */
public final class RequestBodies {

    /**
     * Top-level fields a caller must not control, because a compatible upstream or proxy (LiteLLM,
     * Azure-style deployments, SDK pass-through options) could use them to pick another
     * destination, credentials or account, or to echo secrets. Matched case-insensitively.
     */
    public static final Set<String> CLIENT_CONTROLLED_FIELDS = Set.of(
            // destination
            "api_base", "base_url", "api_url", "endpoint", "azure_endpoint", "azure_deployment",
            "deployment_id", "engine", "api_type", "custom_llm_provider",
            // credentials and accounts
            "api_key", "api_version", "organization", "project", "azure_ad_token",
            "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_region_name",
            "vertex_project", "vertex_location", "vertex_credentials",
            // SDK options that add headers or query parameters to the upstream call
            "extra_headers", "extra_query");

    private static final int MAX_DETAIL_CHARS = 200;
    // "{...} garbage" is not a JSON object
    private static final ObjectReader BODY_READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {
    }

    /** Parses a whole body; see {@link #parse(byte[], int, int)}. */
    public static ObjectNode parse(byte[] body) {
        return body == null ? parse(new byte[0], 0, 0) : parse(body, 0, body.length);
    }

    /**
     * Parses a request body that must be one JSON object (UTF-8, nothing after it).
     *
     * @throws GatewayError {@link ErrorKind#INVALID_REQUEST} when it is empty, not JSON or not an object
     */
    public static ObjectNode parse(byte[] body, int offset, int length) {
        JsonNode root;
        try {
            root = BODY_READER.readTree(body, offset, length);
        } catch (JsonProcessingException e) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST, "request body is not valid JSON" + describe(e));
        } catch (IOException e) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST, "request body could not be read as JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST, "request body is empty; expected a JSON object");
        }
        if (!(root instanceof ObjectNode object)) {
            throw GatewayError.of(ErrorKind.INVALID_REQUEST,
                    "request body must be a JSON object, not " + kindOf(root));
        }
        return object;
    }

    /** True only for {@code "stream": true} (a JSON boolean). */
    public static boolean isStream(ObjectNode body) {
        JsonNode stream = body.get("stream");
        return stream != null && stream.isBoolean() && stream.booleanValue();
    }

    /** The {@code model} the caller asked for, or {@code null} when absent or not a string. */
    public static String model(ObjectNode body) {
        JsonNode model = body.get("model");
        return model != null && model.isTextual() ? model.textValue() : null;
    }

    /** Sets {@code model} (the route's model id), keeping the field's position when present. */
    public static void rewriteModel(ObjectNode body, String model) {
        body.put("model", model);
    }

    /**
     * Removes every top-level field in {@link #CLIENT_CONTROLLED_FIELDS}.
     *
     * @return the names removed, as the caller spelled them (empty when none)
     */
    public static List<String> stripClientControlledFields(ObjectNode body) {
        List<String> removed = null;
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (CLIENT_CONTROLLED_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                if (removed == null) {
                    removed = new ArrayList<>(2);
                }
                removed.add(name);
            }
        }
        if (removed == null) {
            return List.of();
        }
        body.remove(removed);
        return removed;
    }

    /** The body as UTF-8 JSON bytes, field order kept. */
    public static byte[] serialize(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonProcessingException e) {
        StringBuilder detail = new StringBuilder();
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            detail.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String reason = e.getOriginalMessage();
        if (reason != null && !reason.isBlank()) {
            reason = reason.strip();
            if (reason.length() > MAX_DETAIL_CHARS) {
                reason = reason.substring(0, MAX_DETAIL_CHARS) + "…";
            }
            detail.append(": ").append(reason);
        }
        return detail.toString();
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
