package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Looks at an upstream response body on its way to the client: reads token usage and decides
 * which bytes the client gets (normally exactly the upstream's).
 */
public interface BodyInspector {
    /** The bytes to send the client for one upstream chunk. */
    List<ByteBuffer> onChunk(List<ByteBuffer> chunk);

    /** Bytes still to send once the upstream body has ended. */
    List<ByteBuffer> onEnd();

    TokenUsage usage();
}
