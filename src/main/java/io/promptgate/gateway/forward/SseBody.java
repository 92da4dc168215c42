package io.promptgate.gateway.forward;

import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.UsageTracker;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseEvents;
import io.promptgate.protocol.sse.SseParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An event stream. Without a filter the upstream's bytes go to the client untouched and a parser
 * reads usage beside them; with one (dropping the usage chunk the caller did not ask for) events
 * are re-encoded one by one.
 */
final class SseBody implements BodyInspector {
    private final UsageTracker tracker;
    private final Predicate<SseEvent> drop;
    private final SseParser parser;
    private List<ByteBuffer> reencoded;

    private SseBody(UsageTracker tracker, Predicate<SseEvent> drop) {
        this.tracker = tracker;
        this.drop = drop;
        this.parser = new SseParser(this::onEvent);
    }

    static SseBody passThrough(UsageTracker tracker) {
        return new SseBody(tracker, null);
    }

    static SseBody dropping(UsageTracker tracker, Predicate<SseEvent> drop) {
        return new SseBody(tracker, drop);
    }

    @Override
    public List<ByteBuffer> onChunk(List<ByteBuffer> chunk) {
        if (drop == null) {
            for (ByteBuffer b : chunk) {
                parser.feed(b.duplicate());
            }
            return chunk;
        }
        reencoded = new ArrayList<>(2);
        for (ByteBuffer b : chunk) {
            parser.feed(b.duplicate());
        }
        return reencoded;
    }

    @Override
    public List<ByteBuffer> onEnd() {
        reencoded = new ArrayList<>(1);
        parser.finish();
        return drop == null ? List.of() : reencoded;
    }

    private void onEvent(SseEvent event) {
        tracker.onEvent(event);
        if (drop != null && !drop.test(event)) {
            reencoded.add(ByteBuffer.wrap(SseEvents.encode(event)));
        }
    }

    @Override
    public TokenUsage usage() {
        return tracker.usage();
    }
}
