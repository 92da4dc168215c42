package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.UsageTracker;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/** A non-streaming JSON body: relayed as it comes, a bounded copy kept to read usage at the end. */
final class JsonBody implements BodyInspector {
    /** Usage is read from bodies up to this size; larger ones are relayed but not inspected. */
    static final int MAX_INSPECTED = 8 * 1024 * 1024;
    private final UsageTracker tracker;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);

    JsonBody(UsageTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        if (copy != null) {
            for (ByteBuffer b : chunk) {
                if (copy.size() + b.remaining() > MAX_INSPECTED) {
                    copy = null;
                    break;
                }
                copy.write(b.array(), b.arrayOffset() + b.position(), b.remaining()); // the relay's heap copy
            }
        }
        return chunk;
    }

    @Override
    public List<ByteBuffer> onEnd() {
        if (copy != null) {
            tracker.onResponseBody(copy.toByteArray());
            copy = null;
        }
        return List.of();
    }

    @Override
    public TokenUsage usage() {
        return tracker.usage();
    }
}
