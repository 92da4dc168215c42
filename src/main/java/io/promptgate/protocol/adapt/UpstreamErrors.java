package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;

import java.util.Locale;

/**
 * An upstream error of one protocol in the caller's protocol, keeping what the status means.
 *
 * <p>OpenAI → Anthropic: the error type follows the status (400 invalid_request_error, 401
 * authentication_error, 402 billing_error, 403 permission_error, 404 not_found_error, 408 / 504
 * timeout_error, 413 request_too_large, 429 rate_limit_error, 503 / 529 overloaded_error, other
 * 4xx invalid_request_error, other 5xx api_error); the status stays. Where the status says nothing
 * (an error object in a 200 body or in a stream) the OpenAI {@code type} / {@code code} decide.
 *
 * <p>Anthropic → OpenAI: type and code as the gateway's own errors name them (see
 * {@code core.ErrorKind}); the status stays, except 529 which OpenAI clients do not know: 503.
 *
 * <p>The upstream's message is kept. A body that is not an error object of the expected shape
 * gives a message naming the status (and the body's text when it is short plain text).
 */
public final class UpstreamErrors {

    private static final int MAX_TEXT_CHARS = 300;

    private UpstreamErrors() {
    }

    /** An OpenAI error response (status and body) as an Anthropic error response. */
    public static TranslatedResponse openAiToAnthropic(int status, byte[] openAiErrorBody) {
        JsonNode root = AdaptJson.parse(openAiErrorBody);
        JsonNode error = errorObject(root);
        String type = anthropicType(status, error);
        String message = error != null ? messageOf(error) : looseMessage(root);
        if (message == null) {
            message = fallbackMessage(status, openAiErrorBody);
        }
        int answer = status >= 400 ? status : anthropicStatus(type);
        return new TranslatedResponse(answer, AdaptJson.bytes(anthropicBody(type, message)), TokenUsage.NONE);
    }

    /** An Anthropic error response (status and body) as an OpenAI error response. */
    public static TranslatedResponse anthropicToOpenAi(int status, byte[] anthropicErrorBody) {
        JsonNode root = AdaptJson.parse(anthropicErrorBody);
        JsonNode error = errorObject(root);
        String type = error != null ? AdaptJson.text(error.get("type")) : null;
        if (type == null) {
            type = anthropicTypeForStatus(status >= 400 ? status : 500);
        }
        String message = error != null ? messageOf(error) : looseMessage(root);
        if (message == null) {
            message = fallbackMessage(status, anthropicErrorBody);
        }
        int answer = status >= 400 ? status : anthropicStatus(type);
        if (answer == 529) {
            answer = 503;
        }
        return new TranslatedResponse(answer, AdaptJson.bytes(openAiBody(type, message)), TokenUsage.NONE);
    }

    /** {@code {"type":"error","error":{"type":…,"message":…}}}. */
    static ObjectNode anthropicBody(String type, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return root;
    }

    /** {@code {"error":{"message":…,"type":…,"code":…}}} for an Anthropic error type. */
    static ObjectNode openAiBody(String anthropicType, String message) {
        String[] typeAndCode = openAiTypeAndCode(anthropicType);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("message", message).put("type", typeAndCode[0]).put("code", typeAndCode[1]);
        return root;
    }

    /** The Anthropic error body for an OpenAI error object met in a stream or a 200 body. */
    static ObjectNode anthropicBodyFromOpenAi(JsonNode openAiError) {
        String message = messageOf(openAiError);
        return anthropicBody(anthropicType(0, openAiError), message != null ? message : "upstream error");
    }

    /** The OpenAI error body for an Anthropic error object met in a stream or a 200 body. */
    static ObjectNode openAiBodyFromAnthropic(JsonNode anthropicError) {
        String type = AdaptJson.text(anthropicError.get("type"));
        String message = messageOf(anthropicError);
        return openAiBody(type != null ? type : "api_error", message != null ? message : "upstream error");
    }

    /**
     * The error object of an error body: {@code error} when it is an object; the body itself when
     * it says {@code "object": "error"} (vLLM's flat shape, {@code message} / {@code type} /
     * {@code code} at the top); else null.
     */
    static JsonNode errorObject(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return error;
        }
        if ("error".equals(AdaptJson.text(root.get("object")))) {
            return root;
        }
        return null;
    }

    /** Anthropic's status for its error type, for errors that came without a meaningful status. */
    static int anthropicStatus(String anthropicType) {
        return switch (anthropicType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    private static String anthropicType(int status, JsonNode openAiError) {
        int effective = status;
        if (effective < 400 && openAiError != null) {
            // some compatible upstreams put the HTTP status in code or status
            for (String field : new String[] {"code", "status"}) {
                JsonNode value = openAiError.get(field);
                if (value != null && value.canConvertToInt() && value.intValue() >= 400 && value.intValue() < 600) {
                    effective = value.intValue();
                }
            }
        }
        if (effective >= 400) {
            return anthropicTypeForStatus(effective);
        }
        String type = openAiError == null ? "" : lower(AdaptJson.text(openAiError.get("type")));
        String code = openAiError == null ? "" : lower(AdaptJson.text(openAiError.get("code")));
        if (code.equals("invalid_api_key") || type.contains("authentication")) {
            return "authentication_error";
        }
        if (type.contains("permission") || code.contains("permission")) {
            return "permission_error";
        }
        if (type.contains("not_found") || code.contains("not_found")) {
            return "not_found_error";
        }
        if (type.contains("rate_limit") || code.contains("rate_limit") || type.equals("insufficient_quota")
                || code.equals("insufficient_quota")) {
            return "rate_limit_error";
        }
        if (type.contains("overloaded") || code.contains("overloaded") || type.contains("unavailable")) {
            return "overloaded_error";
        }
        if (type.contains("timeout") || code.contains("timeout")) {
            return "timeout_error";
        }
        if (type.contains("invalid_request") || code.equals("context_length_exceeded")) {
            return "invalid_request_error";
        }
        return "api_error";
    }

    private static String anthropicTypeForStatus(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 408, 504 -> "timeout_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    // {type, code} as core.ErrorKind names the gateway's own errors
    private static String[] openAiTypeAndCode(String anthropicType) {
        return switch (anthropicType) {
            case "invalid_request_error" -> new String[] {"invalid_request_error", "invalid_request"};
            case "authentication_error" -> new String[] {"invalid_request_error", "invalid_api_key"};
            case "billing_error" -> new String[] {"insufficient_quota", "insufficient_quota"};
            case "permission_error" -> new String[] {"invalid_request_error", "permission_denied"};
            case "not_found_error" -> new String[] {"invalid_request_error", "not_found"};
            case "request_too_large" -> new String[] {"invalid_request_error", "request_too_large"};
            case "rate_limit_error" -> new String[] {"rate_limit_error", "rate_limit_exceeded"};
            case "timeout_error" -> new String[] {"server_error", "upstream_timeout"};
            case "overloaded_error" -> new String[] {"server_error", "overloaded"};
            default -> new String[] {"server_error", "internal_error"};
        };
    }

    private static String messageOf(JsonNode error) {
        String message = AdaptJson.text(error.get("message"));
        return message == null || message.isBlank() ? null : message;
    }

    // {"error":"…"}, {"message":"…"} or {"detail":"…"}: shapes some compatible servers answer with
    private static String looseMessage(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        for (String field : new String[] {"error", "message", "detail"}) {
            String text = AdaptJson.text(root.get(field));
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String fallbackMessage(int status, byte[] body) {
        String base = status >= 400 ? "upstream error (HTTP " + status + ")" : "upstream error";
        if (body == null || body.length == 0) {
            return base;
        }
        String text = AdaptJson.utf8(body).strip();
        if (text.isEmpty() || text.startsWith("<") || text.startsWith("{") || text.startsWith("[")) {
            return base; // HTML pages and JSON of another shape say nothing useful in one line
        }
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS) + "…";
        }
        return base + ": " + text.replaceAll("\\s+", " ");
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
