package io.promptgate.protocol.openai;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Samples;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiUsageTrackerTest {

    @Test
    void readsUsageOfAResponseBody() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        tracker.onResponseBody(Samples.bytes(Samples.OPENAI_RESPONSE));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(27, 18));
    }

    @Test
    void readsTheUsageChunkOfAStream() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        Samples.events(Samples.bytes(Samples.OPENAI_STREAM)).forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(19, 12));
    }

    @Test
    void usageIsTheSameWhereverTheStreamIsSplit() {
        byte[] stream = Samples.bytes(Samples.OPENAI_STREAM);
        for (int cut = 0; cut <= stream.length; cut += 7) {
            OpenAiUsageTracker tracker = new OpenAiUsageTracker();
            SseParser parser = new SseParser(tracker::onEvent);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            parser.finish();
            assertThat(tracker.usage()).as("cut %d", cut).isEqualTo(new TokenUsage(19, 12));
        }
    }

    @Test
    void aStreamWithoutUsageReportsNone() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        String withoutUsage = Samples.text(Samples.OPENAI_STREAM).replaceAll("(?m)^data: .*\"choices\":\\[],.*$", "");
        Samples.events(withoutUsage.getBytes(StandardCharsets.UTF_8)).forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void runningTotalsOnEveryChunkKeepTheLast() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        tracker.onEvent(SseEvent.ofData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}"));
        tracker.onEvent(SseEvent.ofData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}"));
        tracker.onEvent(SseEvent.ofData("{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":null}"));
        tracker.onEvent(SseEvent.ofData("[DONE]"));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(5, 2));
    }

    @Test
    void derivesAMissingCountFromTheTotal() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        tracker.onResponseBody("{\"usage\":{\"prompt_tokens\":10,\"total_tokens\":25}}".getBytes(StandardCharsets.UTF_8));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(10, 15));
        tracker.onResponseBody("{\"usage\":{\"completion_tokens\":4,\"total_tokens\":9}}".getBytes(StandardCharsets.UTF_8));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(5, 4));
    }

    @Test
    void malformedInputNeverThrowsAndKeepsWhatWasSeen() {
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        tracker.onResponseBody("{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}".getBytes(StandardCharsets.UTF_8));
        String[] hostile = {
                "", "[DONE]", "not json \"usage\"", "{\"usage\":", "[\"usage\"]", "\"usage\"",
                "{\"usage\":\"lots\"}", "{\"usage\":{\"prompt_tokens\":\"7\",\"completion_tokens\":-1}}",
                "{\"usage\":{\"prompt_tokens\":1e999999}}", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"usage\":1}}",
                "{\"usage\":{\"prompt_tokens\":" + "9".repeat(5000) + "}}",
        };
        for (String data : hostile) {
            tracker.onEvent(SseEvent.ofData(data));
            tracker.onResponseBody(data.getBytes(StandardCharsets.UTF_8));
        }
        tracker.onResponseBody(null);
        tracker.onResponseBody(new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(3, 4));
    }
}
