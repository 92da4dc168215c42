package io.promptgate.protocol.sse;

import io.promptgate.protocol.Samples;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseEventsTest {

    @Test
    void encodesNamedAndUnnamedEvents() {
        assertThat(text(SseEvents.encode("message_stop", "{\"type\":\"message_stop\"}")))
                .isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(text(SseEvents.data("[DONE]"))).isEqualTo("data: [DONE]\n\n");
        assertThat(text(SseEvents.encode(new SseEvent("e", "d", "42")))).isEqualTo("event: e\nid: 42\ndata: d\n\n");
        assertThat(text(SseEvents.encode(null, ""))).isEqualTo("data:\n\n");
    }

    @Test
    void multiLineDataBecomesSeveralDataLines() {
        assertThat(text(SseEvents.data("a\nb\r\nc\rd\n"))).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\ndata:\n\n");
    }

    @Test
    void roundTripsThroughTheParser() {
        SseEvent[] events = {
                new SseEvent("x", "first\nsecond\n\n  indented", "id-1"),
                new SseEvent(null, " leading space and unicode 你好 😀", null),
                new SseEvent("empty", "", null),
                new SseEvent(null, ":not a comment", null),
        };
        StringBuilder stream = new StringBuilder();
        for (SseEvent event : events) {
            stream.append(text(SseEvents.encode(event)));
        }
        assertThat(Samples.events(stream.toString().getBytes(StandardCharsets.UTF_8))).containsExactly(events);
    }

    @Test
    void commentIsIgnoredByAParser() {
        assertThat(text(SseEvents.comment("keep-alive"))).isEqualTo(": keep-alive\n\n");
        assertThat(Samples.events(SseEvents.comment("two\nlines"))).isEmpty();
    }

    @Test
    void refusesLineBreaksInNameOrId() {
        assertThatThrownBy(() -> SseEvents.encode("a\nevent: b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseEvents.encode(null, "x", "1\r2")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
