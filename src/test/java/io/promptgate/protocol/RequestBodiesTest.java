package io.promptgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestBodiesTest {

    @Test
    void parsesAnObject() {
        ObjectNode body = parse("{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(RequestBodies.model(body)).isEqualTo("gpt-4o");
        assertThat(RequestBodies.isStream(body)).isTrue();
    }

    @Test
    void parsesASliceOfABuffer() {
        byte[] buffer = "xx{\"model\":\"m\"}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestBodies.model(RequestBodies.parse(buffer, 2, buffer.length - 4))).isEqualTo("m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " \r\n\t "})
    void emptyBodyIsAnInvalidRequest(String text) {
        assertInvalid(text, "request body is empty; expected a JSON object");
        assertThat(catchThrowableOfType(GatewayError.class, () -> RequestBodies.parse(null)).getMessage())
                .isEqualTo("request body is empty; expected a JSON object");
    }

    @Test
    void nonObjectsAreInvalidRequests() {
        assertInvalid("[{\"model\":\"m\"}]", "request body must be a JSON object, not an array");
        assertInvalid("\"text\"", "request body must be a JSON object, not a string");
        assertInvalid("42", "request body must be a JSON object, not a number");
        assertInvalid("true", "request body must be a JSON object, not a boolean");
        assertInvalid("null", "request body must be a JSON object, not null");
    }

    @Test
    void malformedJsonIsAnInvalidRequestNamingWhere() {
        GatewayError error = invalid("{\n  \"model\": \"m\",\n  \"messages\": [\n}");
        assertThat(error.getMessage()).startsWith("request body is not valid JSON at line 4, column 1: ");
        assertThat(invalid("{\"model\":\"m\"} trailing").getMessage()).startsWith("request body is not valid JSON");
        assertThat(invalid("{\"model\":\"m\"}{}").getMessage()).startsWith("request body is not valid JSON");
        assertThat(invalid("{'model':'m'}").getMessage()).startsWith("request body is not valid JSON");
        assertThat(invalid("{\"a\":1,}").getMessage()).startsWith("request body is not valid JSON");
        assertThat(invalid("[".repeat(5000)).getMessage()).startsWith("request body is not valid JSON");
    }

    @Test
    void invalidUtf8IsAnInvalidRequest() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        GatewayError error = catchThrowableOfType(GatewayError.class, () -> RequestBodies.parse(body));
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void aLeadingBomIsAccepted() {
        assertThat(RequestBodies.model(parse("\uFEFF{\"model\":\"m\"}"))).isEqualTo("m");
    }

    @Test
    void streamIsOnlyABooleanTrue() {
        assertThat(RequestBodies.isStream(parse("{\"stream\":true}"))).isTrue();
        assertThat(RequestBodies.isStream(parse("{\"stream\":false}"))).isFalse();
        assertThat(RequestBodies.isStream(parse("{}"))).isFalse();
        assertThat(RequestBodies.isStream(parse("{\"stream\":null}"))).isFalse();
        assertThat(RequestBodies.isStream(parse("{\"stream\":\"true\"}"))).isFalse();
        assertThat(RequestBodies.isStream(parse("{\"stream\":1}"))).isFalse();
    }

    @Test
    void modelIsAStringOrNull() {
        assertThat(RequestBodies.model(parse("{}"))).isNull();
        assertThat(RequestBodies.model(parse("{\"model\":42}"))).isNull();
        assertThat(RequestBodies.model(parse("{\"model\":{\"id\":\"m\"}}"))).isNull();
    }

    @Test
    void rewritingTheModelKeepsItsPosition() {
        ObjectNode body = parse("{\"model\":\"gpt-4o\",\"messages\":[]}");
        RequestBodies.rewriteModel(body, "qwen3.6-plus");
        assertThat(text(RequestBodies.serialize(body))).isEqualTo("{\"model\":\"qwen3.6-plus\",\"messages\":[]}");

        ObjectNode noModel = parse("{\"messages\":[]}");
        RequestBodies.rewriteModel(noModel, "m");
        assertThat(text(RequestBodies.serialize(noModel))).isEqualTo("{\"messages\":[],\"model\":\"m\"}");
    }

    @Test
    void stripsClientControlledFieldsAnySpelling() {
        ObjectNode body = parse("""
                {"model":"m","api_base":"http://evil","messages":[],"Base_URL":"http://evil","api_key":"sk-x",
                 "API_VERSION":"1","organization":"o","azure_endpoint":"e","deployment_id":"d",
                 "extra_headers":{"Authorization":"x"},"user":"u-1","metadata":{"user_id":"u"},
                 "stream_options":{"api_base":"nested fields are the upstream's business"}}""");
        assertThat(RequestBodies.stripClientControlledFields(body)).containsExactly(
                "api_base", "Base_URL", "api_key", "API_VERSION", "organization", "azure_endpoint",
                "deployment_id", "extra_headers");
        assertThat(body.properties()).extracting(e -> e.getKey())
                .containsExactly("model", "messages", "user", "metadata", "stream_options");
        assertThat(RequestBodies.stripClientControlledFields(body)).isEmpty();
    }

    @Test
    void theListNamesTheFieldsThatSteerOrLeak() {
        assertThat(RequestBodies.CLIENT_CONTROLLED_FIELDS).contains(
                "api_base", "base_url", "api_key", "api_version", "organization", "azure_endpoint", "deployment_id");
        assertThat(RequestBodies.CLIENT_CONTROLLED_FIELDS).allSatisfy(name -> assertThat(name).isLowerCase());
        assertThat(RequestBodies.CLIENT_CONTROLLED_FIELDS).doesNotContain("model", "user", "metadata", "stream_options");
    }

    @Test
    void serializingKeepsNumbersTextAndOrderAsWritten() {
        String original = "{\"z\":1,\"a\":1.0,\"temperature\":0.70,\"big\":12345678901234567890.5,"
                + "\"huge\":123456789012345678901234567890,\"exp\":1.5E+3,"
                + "\"text\":\"héllo 你好 😀 \\\"q\\\" \\\\ \\n \\u0000 \\ud800\",\"nested\":{\"b\":[true,false,null]}}";
        ObjectNode body = parse(original);
        byte[] written = RequestBodies.serialize(body);
        JsonNode reparsed = RequestBodies.parse(written);
        assertThat(reparsed).isEqualTo(body);
        assertThat(text(written)).startsWith("{\"z\":1,\"a\":1.0,\"temperature\":0.70,\"big\":12345678901234567890.5,"
                + "\"huge\":123456789012345678901234567890,\"exp\":1.5E+3,");
        assertThat(reparsed.get("text").textValue()).isEqualTo("héllo 你好 😀 \"q\" \\ \n \u0000 \ud800");
    }

    private static ObjectNode parse(String json) {
        return RequestBodies.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayError invalid(String json) {
        GatewayError error = catchThrowableOfType(GatewayError.class, () -> parse(json));
        assertThat(error).as("no error for %s", json).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.status()).isEqualTo(400);
        return error;
    }

    private static void assertInvalid(String json, String message) {
        assertThat(invalid(json).getMessage()).isEqualTo(message);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
