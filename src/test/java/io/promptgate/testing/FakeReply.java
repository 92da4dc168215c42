package io.promptgate.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fake upstream does with one request. {@link #ok()} answers in the wire format of the
 * endpoint that was called (streaming when the request says {@code "stream": true}); the other
 * factories script failures. Fluent and mutable: build one per use.
 *
 * <p>Timing, in the order it happens: {@link #holdUntilReleased()}, {@link #headerDelayMs},
 * headers sent, {@link #firstByteDelayMs}, events (each content chunk preceded by
 * {@link #chunkGapMs}), with {@link #stallAfterEvents} / {@link #dropAfterEvents} counted in
 * SSE events written (for a JSON body: after half of it).
 */
public final class FakeReply {

    Integer status;
    String body;
    String contentType = "application/json";
    String location;
    boolean dropBeforeHeaders;
    final Map<String, String> headers = new LinkedHashMap<>();

    String text;
    int chunks = 3;
    long chunkGapMs;
    boolean hold;
    long headerDelayMs;
    long firstByteDelayMs;
    int stallAfterEvents = -1;
    long stallMs;
    int dropAfterEvents = -1;

    Long inputTokens;
    Long outputTokens;
    long cacheCreationTokens;
    long cacheReadTokens;
    boolean inputTokensInMessageDelta;
    Boolean usageChunk;

    private FakeReply() {
    }

    /** A successful answer in the called endpoint's format. */
    public static FakeReply ok() {
        return new FakeReply();
    }

    /** An error with {@code status} in the called provider's shape (OpenAI or Anthropic). */
    public static FakeReply error(int status) {
        return error(status, "fake upstream error " + status);
    }

    public static FakeReply error(int status, String message) {
        FakeReply reply = new FakeReply();
        reply.status = status;
        reply.text = message;
        return reply;
    }

    /** Exactly this status and JSON body. */
    public static FakeReply json(int status, String body) {
        return raw(status, "application/json", body);
    }

    /** Exactly this status, content type and body. */
    public static FakeReply raw(int status, String contentType, String body) {
        FakeReply reply = new FakeReply();
        reply.status = status;
        reply.contentType = contentType;
        reply.body = body;
        return reply;
    }

    /** {@code 302 Found} to {@code location}; a client that follows it shows up as a second request. */
    public static FakeReply redirect(String location) {
        FakeReply reply = new FakeReply();
        reply.status = 302;
        reply.location = location;
        reply.body = "";
        return reply;
    }

    /** Closes the connection without sending a single byte (after {@link #headerDelayMs}). */
    public static FakeReply dropConnection() {
        FakeReply reply = new FakeReply();
        reply.dropBeforeHeaders = true;
        return reply;
    }

    /** The assistant's text instead of the default echo. */
    public FakeReply text(String text) {
        this.text = text;
        return this;
    }

    /** Number of content chunks of a stream (default 3); the text is split evenly across them. */
    public FakeReply chunks(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one chunk");
        }
        this.chunks = count;
        return this;
    }

    /** Pause before each content chunk of a stream. */
    public FakeReply chunkGapMs(long millis) {
        this.chunkGapMs = millis;
        return this;
    }

    /** Wait, before anything else, until the test calls {@link FakeUpstream#releaseHeld()}. */
    public FakeReply holdUntilReleased() {
        this.hold = true;
        return this;
    }

    /** Pause before sending the status line and headers: the upstream is silent. */
    public FakeReply headerDelayMs(long millis) {
        this.headerDelayMs = millis;
        return this;
    }

    /** Send the headers at once, then pause before the first body byte. */
    public FakeReply firstByteDelayMs(long millis) {
        this.firstByteDelayMs = millis;
        return this;
    }

    /** After {@code events} SSE events (or half a JSON body), pause {@code millis}, then go on. */
    public FakeReply stallAfterEvents(int events, long millis) {
        this.stallAfterEvents = events;
        this.stallMs = millis;
        return this;
    }

    /** After {@code events} SSE events (or half a JSON body), close the connection. */
    public FakeReply dropAfterEvents(int events) {
        this.dropAfterEvents = events;
        return this;
    }

    /** Token counts to report instead of the defaults (words of the request and of the reply). */
    public FakeReply usage(long input, long output) {
        this.inputTokens = input;
        this.outputTokens = output;
        return this;
    }

    /** Anthropic only: cache tokens to report besides {@code input_tokens}. */
    public FakeReply cacheTokens(long creation, long read) {
        this.cacheCreationTokens = creation;
        this.cacheReadTokens = read;
        return this;
    }

    /**
     * Anthropic streams only: report input counts in {@code message_delta} (and 0 in
     * {@code message_start}), as some compatible upstreams do.
     */
    public FakeReply inputTokensInMessageDelta() {
        this.inputTokensInMessageDelta = true;
        return this;
    }

    /**
     * OpenAI streams only: send the usage chunk always ({@code true}) or never ({@code false}),
     * whatever {@code stream_options.include_usage} says.
     */
    public FakeReply usageChunk(boolean send) {
        this.usageChunk = send;
        return this;
    }

    /** An extra response header. */
    public FakeReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
