package io.promptgate.protocol.sse;

import io.promptgate.protocol.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseParserTest {

    // every feature at once: comments, ids, multi-line data, an empty data line, no space after
    // the colon, a field without colon, unknown fields, multi-byte characters, a last event
    // without a blank line
    private static final String MIXED = """
            : keep-alive comment
            retry: 3000

            event: message_start
            id: 1
            data: {"text":"héllo 你好 😀"}

            data: line one
            data:
            data:no space
            data:  two spaces
            unknown: ignored

            event: only-a-name

            data
            id: 7

            event: tail
            data: ends at end of stream""";

    private static final List<SseEvent> MIXED_EVENTS = List.of(
            new SseEvent("message_start", "{\"text\":\"héllo 你好 😀\"}", "1"),
            new SseEvent(null, "line one\n\nno space\n two spaces", null),
            new SseEvent("only-a-name", "", null),
            new SseEvent(null, "", "7"),
            new SseEvent("tail", "ends at end of stream", null));

    @Test
    void parsesEveryFieldKind() {
        assertThat(parse(utf8(MIXED))).containsExactlyElementsOf(MIXED_EVENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void acceptsEveryLineEnding(String lineEnd) {
        assertThat(parse(utf8(MIXED.replace("\n", lineEnd)))).containsExactlyElementsOf(MIXED_EVENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void splitAtEveryByteOffsetGivesTheSameEvents(String lineEnd) {
        byte[] stream = utf8(MIXED.replace("\n", lineEnd));
        for (int cut = 0; cut <= stream.length; cut++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            parser.finish();
            assertThat(events).as("split at byte %d", cut).containsExactlyElementsOf(MIXED_EVENTS);
        }
    }

    @Test
    void realAnthropicStreamSplitAtEveryByteOffset() {
        byte[] lf = Samples.bytes(Samples.ANTHROPIC_STREAM);
        List<SseEvent> expected = Samples.events(lf);
        assertThat(expected).hasSize(14);
        assertThat(expected.get(0).event()).isEqualTo("message_start");
        assertThat(expected.get(4).data()).contains("你好，世界");
        assertThat(expected.get(13)).isEqualTo(new SseEvent("message_stop", "{\"type\":\"message_stop\"}", null));

        byte[] crlf = utf8(new String(lf, StandardCharsets.UTF_8).replace("\n", "\r\n"));
        for (byte[] stream : List.of(lf, crlf)) {
            for (int cut = 0; cut <= stream.length; cut++) {
                List<SseEvent> events = new ArrayList<>();
                SseParser parser = new SseParser(events::add);
                parser.feed(stream, 0, cut);
                parser.feed(stream, cut, stream.length - cut);
                parser.finish();
                assertThat(events).as("split at byte %d", cut).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void oneByteAtATimeAndRandomChunks() {
        byte[] stream = utf8(new String(Samples.bytes(Samples.OPENAI_STREAM), StandardCharsets.UTF_8).replace("\n", "\r\n"));
        List<SseEvent> expected = Samples.events(stream);
        assertThat(expected).hasSize(8);
        assertThat(expected.get(7).data()).isEqualTo("[DONE]");

        List<SseEvent> bytewise = new ArrayList<>();
        SseParser parser = new SseParser(bytewise::add);
        for (int i = 0; i < stream.length; i++) {
            parser.feed(stream, i, 1);
        }
        parser.finish();
        assertThat(bytewise).containsExactlyElementsOf(expected);

        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser chunked = new SseParser(events::add);
            int i = 0;
            while (i < stream.length) {
                int n = Math.min(stream.length - i, random.nextInt(40));
                chunked.feed(stream, i, n);
                i += n;
            }
            chunked.finish();
            assertThat(events).as("round %d", round).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void eventsAreDeliveredAsSoonAsTheirBlankLineArrives() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(utf8("data: a\r"));
        assertThat(events).isEmpty();
        parser.feed(utf8("\ndata: b\n"));
        assertThat(events).isEmpty();
        parser.feed(utf8("\r"));
        assertThat(events).containsExactly(SseEvent.ofData("a\nb"));
        // the LF after that CR belongs to the CRLF pair, not a second blank line
        parser.feed(utf8("\ndata: c\r\r"));
        assertThat(events).containsExactly(SseEvent.ofData("a\nb"), SseEvent.ofData("c"));
    }

    @Test
    void commentsGoToTheirOwnCallbackAndNeverFormEvents() {
        List<String> comments = new ArrayList<>();
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
            }

            @Override
            public void onComment(String text) {
                comments.add(text);
            }
        });
        parser.feed(utf8(": OPENROUTER PROCESSING\n\n:\n\ndata: x\n: inside\n\n"));
        parser.finish();
        assertThat(comments).containsExactly(" OPENROUTER PROCESSING", "", " inside");
        assertThat(events).containsExactly(SseEvent.ofData("x"));
    }

    @Test
    void blankLinesAloneProduceNothing() {
        assertThat(parse(utf8("\n\n\r\n\r\r\n"))).isEmpty();
        assertThat(parse(new byte[0])).isEmpty();
        assertThat(parse(utf8("retry: 10\n\n"))).isEmpty();
    }

    @Test
    void leadingBomIsSkippedEvenWhenSplit() {
        byte[] stream = utf8("\uFEFFdata: x\n\n");
        assertThat(stream[0]).isEqualTo((byte) 0xEF);
        for (int cut = 0; cut <= 4; cut++) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            parser.finish();
            assertThat(events).as("cut %d", cut).containsExactly(SseEvent.ofData("x"));
        }
        // only at the very start: a later BOM is part of the text
        assertThat(parse(utf8("data: \uFEFFx\n\n"))).containsExactly(SseEvent.ofData("\uFEFFx"));
    }

    @Test
    void idWithNulIsIgnored() {
        assertThat(parse(utf8("id: a\u0000b\ndata: x\n\n"))).containsExactly(SseEvent.ofData("x"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n', '\n'};
        assertThat(parse(stream)).containsExactly(SseEvent.ofData("\uFFFD("));
    }

    @Test
    void finishDeliversAPartialLastLineOnceAndClosesTheParser() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(utf8("event: e\ndata: par"));
        parser.feed(utf8("tial"));
        parser.finish();
        parser.finish();
        assertThat(events).containsExactly(SseEvent.of("e", "partial"));
        assertThatThrownBy(() -> parser.feed(utf8("data: more\n\n"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void byteBuffersAreConsumedWhetherHeapSlicedOrDirect() {
        byte[] stream = utf8("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n");
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        ByteBuffer padded = ByteBuffer.allocate(stream.length + 10);
        padded.position(5);
        padded.put(stream, 0, 9);
        padded.flip().position(5);
        ByteBuffer slice = padded.slice();
        parser.feed(slice);
        assertThat(slice.hasRemaining()).isFalse();

        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length - 9);
        direct.put(stream, 9, stream.length - 9).flip();
        parser.feed(List.of(direct));
        assertThat(direct.hasRemaining()).isFalse();

        assertThat(events).containsExactly(SseEvent.of("a", "1"), SseEvent.of("b", "2"));
    }

    @Test
    void anEventUpToTheLimitIsAccepted() {
        // limit counts line bytes without terminators: "data: " + 94 = 100
        String data = "x".repeat(94);
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, 100);
        parser.feed(utf8("data: " + data + "\n\n"));
        assertThat(events).containsExactly(SseEvent.ofData(data));
    }

    @Test
    void anEventOverTheLimitIsAnError() {
        SseParser parser = new SseParser(e -> { }, 100);
        parser.feed(utf8("data: " + "x".repeat(50) + "\n"));
        assertThatThrownBy(() -> parser.feed(utf8("data: " + "y".repeat(50) + "\n")))
                .isInstanceOf(SseLimitExceededException.class)
                .hasMessageContaining("100 bytes");
        assertThatThrownBy(() -> parser.feed(utf8("\n"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndlessLineFailsBeforeBufferingPastTheLimit() {
        int limit = 64 * 1024;
        SseParser parser = new SseParser(e -> { }, limit);
        byte[] chunk = utf8("z".repeat(1000));
        int fed = 0;
        try {
            while (fed < 10 * limit) {
                parser.feed(chunk);
                fed += chunk.length;
            }
        } catch (SseLimitExceededException expected) {
            assertThat(fed).isLessThanOrEqualTo(limit);
            return;
        }
        throw new AssertionError("no limit error after " + fed + " bytes");
    }

    @Test
    void separateEventsNeverAddUpTowardsTheLimit() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, 100);
        for (int i = 0; i < 1000; i++) {
            parser.feed(utf8("data: " + "x".repeat(90) + "\n\n: comment " + "c".repeat(80) + "\n"));
        }
        assertThat(events).hasSize(1000);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new SseParser(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SseParser(e -> { }, 0)).isInstanceOf(IllegalArgumentException.class);
        SseParser parser = new SseParser(e -> { });
        assertThatThrownBy(() -> parser.feed(new byte[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<SseEvent> parse(byte[] stream) {
        return Samples.events(stream);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
