package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import java.nio.ByteBuffer;
import java.util.List;

/** A body relayed unchanged and not looked at (upstream errors, unknown content types). */
final class OpaqueBody implements BodyInspector {
    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        return chunk;
    }

    @Override
    public List<ByteBuffer> onEnd() {
        return List.of();
    }

    @Override
    public TokenUsage usage() {
        return TokenUsage.NONE;
    }
}
