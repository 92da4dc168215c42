package io.promptgate.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Encodes events to {@code text/event-stream} bytes ({@code event: x\ndata: …\n\n}). */
public final class SseEvents {

    private SseEvents() {
    }

    /**
     * Encodes {@code event}; each line of its data becomes one {@code data:} line, so data
     * containing line breaks survives a round trip (as {@code \n}).
     *
     * @throws IllegalArgumentException if the event name or id contains a line break
     */
    public static byte[] encode(SseEvent event) {
        return encode(event.event(), event.data(), event.id());
    }

    /** A named event, as Anthropic streams send them; {@code event} may be {@code null}. */
    public static byte[] encode(String event, String data) {
        return encode(event, data, null);
    }

    /** An unnamed event with only data, as OpenAI streams send them. */
    public static byte[] data(String data) {
        return encode(null, data, null);
    }

    /** A comment block (e.g. a keep-alive) that a client ignores. */
    public static byte[] comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        forEachLine(text, lineText -> out.append(lineText.isEmpty() ? ":" : ": ").append(lineText).append('\n'));
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(String event, String data, String id) {
        String text = data == null ? "" : data;
        StringBuilder out = new StringBuilder(text.length() + 32);
        if (event != null) {
            out.append("event: ").append(singleLine("event", event)).append('\n');
        }
        if (id != null) {
            out.append("id: ").append(singleLine("id", id)).append('\n');
        }
        forEachLine(text, lineText -> out.append(lineText.isEmpty() ? "data:" : "data: ").append(lineText).append('\n'));
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String singleLine(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("server-sent event " + field + " must not contain a line break");
        }
        return value;
    }

    // splits on LF, CRLF and CR, the line ends a parser accepts
    private static void forEachLine(String text, Consumer<String> action) {
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                action.accept(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        action.accept(text.substring(start));
    }
}
