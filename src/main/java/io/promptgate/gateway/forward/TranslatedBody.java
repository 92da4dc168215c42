package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.adapt.TranslatedResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/**
 * A whole upstream body in the other protocol: collected (bounded), translated once complete, and
 * only then sent to the client.
 */
final class TranslatedBody implements BodyInspector {
    private final Function<byte[], TranslatedResponse> translation;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream(4096);
    private TokenUsage usage = TokenUsage.NONE;

    TranslatedBody(Function<byte[], TranslatedResponse> translation) {
        this.translation = translation;
    }

    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        for (ByteBuffer b : chunk) {
            if (collected.size() + b.remaining() > JsonBody.MAX_INSPECTED) {
                throw new IllegalStateException("upstream answer too large to translate");
            }
            ByteBuffer view = b.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            collected.write(bytes, 0, bytes.length);
        }
        return List.of();
    }

    @Override
    public List<ByteBuffer> onEnd() {
        TranslatedResponse translated = translation.apply(collected.toByteArray());
        usage = translated.usage();
        return List.of(ByteBuffer.wrap(translated.body()));
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }
}
