package io.promptgate.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.RequestBodies;
import io.promptgate.protocol.Samples;
import io.promptgate.protocol.sse.SseEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamUsageOptionTest {

    @Test
    void addsTheOptionWhenTheCallerDidNotAsk() {
        ObjectNode body = body("{\"model\":\"m\",\"stream\":true,\"messages\":[]}");
        assertThat(StreamUsageOption.ensureIncludeUsage(body)).isFalse();
        assertThat(json(body)).isEqualTo("{\"model\":\"m\",\"stream\":true,\"messages\":[],\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void keepsTheCallersOwnRequest() {
        ObjectNode body = body("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(StreamUsageOption.ensureIncludeUsage(body)).isTrue();
        assertThat(json(body)).isEqualTo("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void overridesAnExplicitFalseAndKeepsOtherStreamOptions() {
        ObjectNode body = body("{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false,\"include_usage\":false}}");
        assertThat(StreamUsageOption.ensureIncludeUsage(body)).isFalse();
        assertThat(json(body)).isEqualTo("{\"stream\":true,\"stream_options\":{\"include_obfuscation\":false,\"include_usage\":true}}");
    }

    @Test
    void replacesStreamOptionsThatAreNotAnObject() {
        for (String options : List.of("null", "\"yes\"", "[true]")) {
            ObjectNode body = body("{\"stream\":true,\"stream_options\":" + options + "}");
            assertThat(StreamUsageOption.ensureIncludeUsage(body)).isFalse();
            assertThat(body.at("/stream_options/include_usage").booleanValue()).isTrue();
        }
        ObjectNode stringTrue = body("{\"stream\":true,\"stream_options\":{\"include_usage\":\"true\"}}");
        assertThat(StreamUsageOption.ensureIncludeUsage(stringTrue)).isFalse();
        assertThat(stringTrue.at("/stream_options/include_usage").isBoolean()).isTrue();
    }

    @Test
    void leavesANonStreamingBodyAlone() {
        for (String text : List.of("{\"model\":\"m\"}", "{\"stream\":false}", "{\"stream\":\"true\"}")) {
            ObjectNode body = body(text);
            assertThat(StreamUsageOption.ensureIncludeUsage(body)).isFalse();
            assertThat(json(body)).isEqualTo(text);
        }
    }

    @Test
    void recognisesOnlyTheUsageChunkOfARealStream() {
        List<SseEvent> events = Samples.events(Samples.bytes(Samples.OPENAI_STREAM));
        List<Boolean> flags = events.stream().map(StreamUsageOption::isUsageOnlyChunk).toList();
        assertThat(flags).containsExactly(false, false, false, false, false, false, true, false);
    }

    @Test
    void usageOnlyChunkVariants() {
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"usage\":{\"prompt_tokens\":1},\"id\":\"x\"}"))).isTrue();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"choices\":null,\"usage\":{}}"))).isTrue();
        // an upstream reporting running totals on content chunks: those must reach the caller
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":1}}"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"choices\":[],\"usage\":null}"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"choices\":[]}"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("[DONE]"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"choices\":[],\"usage\":{"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("[{\"usage\":{}}]"))).isFalse();
        assertThat(StreamUsageOption.isUsageOnlyChunk(SseEvent.ofData("{\"error\":{\"message\":\"usage\"}}"))).isFalse();
    }

    private static ObjectNode body(String json) {
        return RequestBodies.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(ObjectNode body) {
        return new String(RequestBodies.serialize(body), StandardCharsets.UTF_8);
    }
}
