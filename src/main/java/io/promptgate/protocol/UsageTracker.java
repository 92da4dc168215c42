package io.promptgate.protocol;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.sse.SseEvent;

/**
 * Reads the token usage an upstream reports, from a whole JSON response body or from the events
 * of a stream. One tracker per exchange, fed sequentially. Malformed input never throws: it is
 * ignored and the usage seen so far stays.
 */
public interface UsageTracker {

    /** A complete (non-streaming) JSON response body. */
    void onResponseBody(byte[] json);

    /** One event of a streaming response, in order. */
    void onEvent(SseEvent event);

    /** The usage seen so far; {@link TokenUsage#NONE} when the upstream reported none. */
    TokenUsage usage();
}
