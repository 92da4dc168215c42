package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** An upstream event stream in the other protocol, translated event by event as it arrives. */
final class TranslatedStream implements BodyInspector {
    private final Supplier<List<byte[]>> onFinish;
    private final Supplier<TokenUsage> usage;
    private final SseParser parser;
    private List<ByteBuffer> out;

    TranslatedStream(Function<SseEvent, List<byte[]>> onEvent, Supplier<List<byte[]>> onFinish, Supplier<TokenUsage> usage) {
        this.onFinish = onFinish;
        this.usage = usage;
        this.parser = new SseParser(event -> emit(onEvent.apply(event)));
    }

    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        out = new ArrayList<>(4);
        for (ByteBuffer b : chunk) {
            parser.feed(b.duplicate());
        }
        return out;
    }

    @Override
    public List<ByteBuffer> onEnd() {
        out = new ArrayList<>(4);
        parser.finish();
        emit(onFinish.get());
        return out;
    }

    private void emit(List<byte[]> events) {
        for (byte[] e : events) {
            out.add(ByteBuffer.wrap(e));
        }
    }

    @Override
    public TokenUsage usage() {
        return usage.get();
    }
}
