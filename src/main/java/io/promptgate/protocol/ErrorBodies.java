package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.Protocol;
import io.promptgate.protocol.sse.SseEvents;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A gateway error in the caller's protocol shape, as a JSON body or as the terminal event of a
 * stream already under way.
 * <ul>
 *   <li>OpenAI: {@code {"error":{"message":"…","type":"…","code":"…"}}}, in a stream
 *       {@code data: {"error":{…}}}</li>
 *   <li>Anthropic: {@code {"type":"error","error":{"type":"…","message":"…"}}}, in a stream
 *       {@code event: error} with that data</li>
 * </ul>
 * Output is pure ASCII (anything else is written as a JSON escape), so no charset mix-up can
 * garble a message.
 */
public final class ErrorBodies {

    private static final ObjectWriter ASCII_WRITER = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private ErrorBodies() {
    }

    public static byte[] json(Protocol protocol, GatewayError error) {
        return json(protocol, error.kind(), error.getMessage());
    }

    /** As {@link #json(Protocol, GatewayError)}; a 5xx message also names {@code requestId}. */
    public static byte[] json(Protocol protocol, GatewayError error, String requestId) {
        return json(protocol, error.kind(), message(error, requestId));
    }

    public static byte[] json(Protocol protocol, ErrorKind kind, String message) {
        return write(tree(protocol, kind, message));
    }

    /** The error as the last event of a stream whose headers were already sent. */
    public static byte[] sseEvent(Protocol protocol, GatewayError error) {
        return sseEvent(protocol, error.kind(), error.getMessage());
    }

    public static byte[] sseEvent(Protocol protocol, GatewayError error, String requestId) {
        return sseEvent(protocol, error.kind(), message(error, requestId));
    }

    public static byte[] sseEvent(Protocol protocol, ErrorKind kind, String message) {
        String data = new String(json(protocol, kind, message), StandardCharsets.US_ASCII);
        return protocol == Protocol.ANTHROPIC ? SseEvents.encode("error", data) : SseEvents.data(data);
    }

    /**
     * The message shown to the caller: for a server error (status 500 and above) it ends with the
     * request id under which the gateway logged it.
     */
    public static String message(GatewayError error, String requestId) {
        String message = textOf(error.kind(), error.getMessage());
        if (requestId == null || requestId.isEmpty() || error.status() < 500) {
            return message;
        }
        return message + " (request id: " + requestId + ")";
    }

    private static ObjectNode tree(Protocol protocol, ErrorKind kind, String message) {
        String text = textOf(kind, message);
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (protocol == Protocol.ANTHROPIC) {
            root.put("type", "error");
            root.putObject("error").put("type", kind.anthropicType()).put("message", text);
        } else {
            root.putObject("error").put("message", text).put("type", kind.openaiType()).put("code", kind.code());
        }
        return root;
    }

    // a missing message still tells the caller what happened
    private static String textOf(ErrorKind kind, String message) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return kind.code().replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static byte[] write(ObjectNode tree) {
        try {
            return ASCII_WRITER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
