package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.UsageTracker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A non-streaming JSON body: relayed as it comes; the relay's chunks are kept (not copied: each is
 * a fresh array the relay made and never reuses) to read usage at the end.
 */
final class JsonBody implements BodyInspector {
    /** Usage is read from bodies up to this size; larger ones are relayed but not inspected. */
    static final int MAX_INSPECTED = 8 * 1024 * 1024;
    private final UsageTracker tracker;
    private List<ByteBuffer> kept = new ArrayList<>(2);
    private int keptBytes;

    JsonBody(UsageTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        if (kept != null) {
            for (ByteBuffer b : chunk) {
                if (keptBytes + b.remaining() > MAX_INSPECTED) {
                    kept = null;
                    break;
                }
                keptBytes += b.remaining();
                kept.add(b.duplicate()); // the relay moves the original's position as it writes
            }
        }
        return chunk;
    }

    @Override
    public List<ByteBuffer> onEnd() {
        if (kept != null) {
            tracker.onResponseBody(wholeBody());
            kept = null;
        }
        return List.of();
    }

    /** The body as one array: the relay's own array when the body came in one chunk. */
    private byte[] wholeBody() {
        if (kept.size() == 1) {
            ByteBuffer only = kept.get(0);
            if (only.arrayOffset() == 0 && only.position() == 0 && only.remaining() == only.array().length) {
                return only.array();
            }
        }
        byte[] whole = new byte[keptBytes];
        int at = 0;
        for (ByteBuffer b : kept) {
            int n = b.remaining();
            b.get(whole, at, n);
            at += n;
        }
        return whole;
    }

    @Override
    public TokenUsage usage() {
        return tracker.usage();
    }
}
