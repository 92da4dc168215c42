package io.promptgate.protocol.anthropic;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Samples;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicUsageTrackerTest {

    @Test
    void responseBodyCountsCacheTokensAsInput() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onResponseBody(Samples.bytes(Samples.ANTHROPIC_RESPONSE));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(2095 + 2051 + 30, 503));
    }

    @Test
    void streamTakesInputFromMessageStartAndCumulativeOutputFromMessageDelta() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        Samples.events(Samples.bytes(Samples.ANTHROPIC_STREAM)).forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(472 + 100 + 2048, 89));
    }

    @Test
    void usageIsTheSameWhereverTheStreamIsSplit() {
        byte[] stream = Samples.bytes(Samples.ANTHROPIC_STREAM);
        for (int cut = 0; cut <= stream.length; cut += 5) {
            AnthropicUsageTracker tracker = new AnthropicUsageTracker();
            SseParser parser = new SseParser(tracker::onEvent);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            parser.finish();
            assertThat(tracker.usage()).as("cut %d", cut).isEqualTo(new TokenUsage(2620, 89));
        }
    }

    @Test
    void usageAfterMessageStartAloneIsWhatItReported() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        Samples.events(Samples.bytes(Samples.ANTHROPIC_STREAM)).stream().limit(3).forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(2620, 2));
    }

    @Test
    void messageDeltaMayCarryTheInputCount() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onEvent(SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}"));
        tracker.onEvent(SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":1234,\"cache_read_input_tokens\":6,\"output_tokens\":56}}"));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(1240, 56));
    }

    @Test
    void eventsWithoutAnEventLineAreRecognisedByTheirType() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onEvent(SseEvent.ofData("{\"message\":{\"usage\":{\"input_tokens\":11,\"output_tokens\":1}},\"type\":\"message_start\"}"));
        tracker.onEvent(SseEvent.ofData("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":22}}"));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(11, 22));
    }

    @Test
    void nullCacheCountsAreIgnored() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onResponseBody("{\"usage\":{\"input_tokens\":9,\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":null,\"output_tokens\":3}}".getBytes(StandardCharsets.UTF_8));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(9, 3));
    }

    @Test
    void otherEventsAndMalformedDataNeverThrow() {
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onResponseBody("{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}".getBytes(StandardCharsets.UTF_8));
        SseEvent[] hostile = {
                SseEvent.of("message_start", ""),
                SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":"),
                SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":\"text\"}"),
                SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"usage\":[1,2]}"),
                SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":\"9\"}}"),
                SseEvent.of("message_delta", "[]"),
                SseEvent.of("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                SseEvent.of("content_block_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":999}}"),
                SseEvent.ofData("{\"type\":42}"),
                SseEvent.ofData("garbage"),
        };
        for (SseEvent event : hostile) {
            tracker.onEvent(event);
            // as a whole body, only the content_block_delta impostor holds a well-formed usage
            if (!"content_block_delta".equals(event.event())) {
                tracker.onResponseBody(event.data().getBytes(StandardCharsets.UTF_8));
            }
        }
        tracker.onResponseBody(null);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(3, 4));
    }
}
