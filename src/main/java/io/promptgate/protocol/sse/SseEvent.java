package io.promptgate.protocol.sse;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} name, or {@code null} when the event had none (type "message")
 * @param data  the {@code data:} lines joined with {@code \n}; empty when the event had none
 * @param id    the {@code id:} value, or {@code null} when the event had none
 */
public record SseEvent(String event, String data, String id) {

    public SseEvent {
        data = data == null ? "" : data;
    }

    /** An event with only data, as OpenAI streams send them. */
    public static SseEvent ofData(String data) {
        return new SseEvent(null, data, null);
    }

    /** A named event with data, as Anthropic streams send them. */
    public static SseEvent of(String event, String data) {
        return new SseEvent(event, data, null);
    }
}
