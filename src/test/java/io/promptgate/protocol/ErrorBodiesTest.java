package io.promptgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.Protocol;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorBodiesTest {

    private static final List<String> HOSTILE = List.of(
            "quote \" backslash \\ slash / done",
            "\"},\"type\":\"injected\",\"x\":{\"",
            "controls \u0000 \u0001 \b \f \n \r \t \u001f \u007f end",
            "non-ASCII: héllo 你好 Привет 😀 ‮ reversed",
            "line separators \u2028 \u2029 and BOM \uFEFF",
            "lone surrogates \ud800 and \udc00",
            "</script><script>alert(1)</script>",
            "event: error\ndata: {\"forged\":true}\n\n",
            "x".repeat(10_000));

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void openAiShapeForEveryKind(ErrorKind kind) throws IOException {
        JsonNode body = read(ErrorBodies.json(Protocol.OPENAI, kind, "something went wrong"));
        assertThat(fieldNames(body)).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).containsExactly("message", "type", "code");
        assertThat(error.get("message").textValue()).isEqualTo("something went wrong");
        assertThat(error.get("type").textValue()).isEqualTo(kind.openaiType());
        assertThat(error.get("code").textValue()).isEqualTo(kind.code());
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void anthropicShapeForEveryKind(ErrorKind kind) throws IOException {
        JsonNode body = read(ErrorBodies.json(Protocol.ANTHROPIC, kind, "something went wrong"));
        assertThat(fieldNames(body)).containsExactly("type", "error");
        assertThat(body.get("type").textValue()).isEqualTo("error");
        JsonNode error = body.get("error");
        assertThat(fieldNames(error)).containsExactly("type", "message");
        assertThat(error.get("type").textValue()).isEqualTo(kind.anthropicType());
        assertThat(error.get("message").textValue()).isEqualTo("something went wrong");
    }

    @Test
    void exactBytesOfEachShape() {
        assertThat(new String(ErrorBodies.json(Protocol.OPENAI, ErrorKind.AUTHENTICATION, "invalid API key")))
                .isEqualTo("{\"error\":{\"message\":\"invalid API key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        assertThat(new String(ErrorBodies.json(Protocol.ANTHROPIC, ErrorKind.OVERLOADED, "Overloaded")))
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }

    @Test
    void hostileMessagesSurviveExactlyInPureAscii() throws IOException {
        for (Protocol protocol : Protocol.values()) {
            for (String message : HOSTILE) {
                byte[] bytes = ErrorBodies.json(protocol, ErrorKind.BAD_GATEWAY, message);
                for (byte b : bytes) {
                    assertThat(b).as("byte of %s", protocol).isBetween((byte) 0x20, (byte) 0x7F);
                }
                JsonNode body = read(bytes);
                assertThat(body.at("/error/message").textValue()).isEqualTo(message);
                assertThat(fieldNames(body.get("error"))).hasSize(protocol == Protocol.OPENAI ? 3 : 2);
            }
        }
    }

    @Test
    void terminalStreamEventForAnthropicIsAnErrorEvent() throws IOException {
        for (String message : HOSTILE) {
            List<SseEvent> events = Samples.events(ErrorBodies.sseEvent(Protocol.ANTHROPIC, ErrorKind.UPSTREAM_TIMEOUT, message));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).event()).isEqualTo("error");
            JsonNode data = Json.MAPPER.readTree(events.get(0).data());
            assertThat(data.get("type").textValue()).isEqualTo("error");
            assertThat(data.at("/error/type").textValue()).isEqualTo("api_error");
            assertThat(data.at("/error/message").textValue()).isEqualTo(message);
        }
        assertThat(new String(ErrorBodies.sseEvent(Protocol.ANTHROPIC, ErrorKind.OVERLOADED, "Overloaded")))
                .isEqualTo("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    }

    @Test
    void terminalStreamEventForOpenAiIsADataEvent() throws IOException {
        for (String message : HOSTILE) {
            List<SseEvent> events = Samples.events(ErrorBodies.sseEvent(Protocol.OPENAI, ErrorKind.BAD_GATEWAY, message));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).event()).isNull();
            JsonNode data = Json.MAPPER.readTree(events.get(0).data());
            assertThat(fieldNames(data)).containsExactly("error");
            assertThat(data.at("/error/message").textValue()).isEqualTo(message);
            assertThat(data.at("/error/type").textValue()).isEqualTo("server_error");
            assertThat(data.at("/error/code").textValue()).isEqualTo("upstream_unreachable");
        }
        assertThat(new String(ErrorBodies.sseEvent(Protocol.OPENAI, ErrorKind.UPSTREAM_TIMEOUT, "timed out")))
                .isEqualTo("data: {\"error\":{\"message\":\"timed out\",\"type\":\"server_error\",\"code\":\"upstream_timeout\"}}\n\n");
    }

    @Test
    void gatewayErrorsAndRequestIds() throws IOException {
        GatewayError serverError = GatewayError.of(ErrorKind.BAD_GATEWAY, "upstream unreachable");
        GatewayError clientError = GatewayError.of(ErrorKind.NOT_FOUND, "no route for /v1/x");
        assertThat(read(ErrorBodies.json(Protocol.OPENAI, serverError, "req_abc")).at("/error/message").textValue())
                .isEqualTo("upstream unreachable (request id: req_abc)");
        assertThat(read(ErrorBodies.json(Protocol.ANTHROPIC, clientError, "req_abc")).at("/error/message").textValue())
                .isEqualTo("no route for /v1/x");
        assertThat(read(ErrorBodies.json(Protocol.ANTHROPIC, serverError)).at("/error/type").textValue()).isEqualTo("api_error");
        // a 4xx kind answered with a 5xx status is a server error for the caller
        assertThat(ErrorBodies.message(GatewayError.of(ErrorKind.RATE_LIMITED, "busy").withStatus(503), "req_1"))
                .isEqualTo("busy (request id: req_1)");
        assertThat(ErrorBodies.message(serverError, null)).isEqualTo("upstream unreachable");
        List<SseEvent> events = Samples.events(ErrorBodies.sseEvent(Protocol.ANTHROPIC, serverError, "req_z"));
        assertThat(Json.MAPPER.readTree(events.get(0).data()).at("/error/message").textValue())
                .isEqualTo("upstream unreachable (request id: req_z)");
    }

    @Test
    void aMissingMessageStillSaysWhatHappened() throws IOException {
        assertThat(read(ErrorBodies.json(Protocol.OPENAI, ErrorKind.QUEUE_TIMEOUT, null)).at("/error/message").textValue())
                .isEqualTo("queue timeout");
        assertThat(read(ErrorBodies.json(Protocol.ANTHROPIC, ErrorKind.INTERNAL, " ")).at("/error/message").textValue())
                .isEqualTo("internal error");
    }

    private static JsonNode read(byte[] bytes) throws IOException {
        return Json.MAPPER.readTree(bytes);
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(e -> e.getKey()).toList();
    }
}
