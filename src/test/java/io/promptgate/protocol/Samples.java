package io.promptgate.protocol;

import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Recorded-style upstream bodies and streams under {@code src/test/resources/protocol}. */
public final class Samples {
    public static final String OPENAI_STREAM = "openai-chat-stream.txt";
    public static final String OPENAI_RESPONSE = "openai-chat-response.json";
    public static final String ANTHROPIC_STREAM = "anthropic-messages-stream.txt";
    public static final String ANTHROPIC_RESPONSE = "anthropic-messages-response.json";

    private Samples() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/protocol/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource protocol/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Parses a whole stream in one feed. */
    public static List<SseEvent> events(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(stream);
        parser.finish();
        return events;
    }
}
