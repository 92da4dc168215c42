package io.promptgate.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.promptgate.ops.ActionEvent;
import io.promptgate.ops.FeedSubscriber;
import io.promptgate.ops.LiveFeed;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes one live-feed subscriber's events to its SSE response with non-blocking servlet output:
 * only while {@link ServletOutputStream#isReady()} says the client can take more, otherwise the
 * container calls back when it can. No thread ever waits on a slow client. Writing is serialised
 * (one drain at a time, on the feed's executor), as the servlet API requires.
 */
final class SseFeedWriter implements WriteListener, AsyncListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Executor executor;
    private final Consumer<SseFeedWriter> onClose;
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean(true); // the first write commits the headers
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LiveFeed.Connection connection;
    private volatile long lastProgressNanos = System.nanoTime();

    SseFeedWriter(AsyncContext async, ServletOutputStream out, Executor executor, Consumer<SseFeedWriter> onClose) {
        this.async = async;
        this.out = out;
        this.executor = executor;
        this.onClose = onClose;
    }

    /** Attaches the subscription and starts writing (when the container says the output is ready). */
    void start(LiveFeed.Connection connection) {
        this.connection = connection;
        async.addListener(this);
        out.setWriteListener(this);
    }

    /** Something is queued: drain on the executor, never on the caller's thread. */
    void signal() {
        if (pendingSignals.getAndIncrement() == 0) {
            try {
                executor.execute(this::drainLoop);
            } catch (RuntimeException e) { // executor shut down: the feed is stopping
                close();
            }
        }
    }

    /** Sends a comment line so that proxies keep the connection open. */
    void heartbeat() {
        heartbeatDue.set(true);
        signal();
    }

    /** Whether this reader has stopped reading: its queue is full and nothing was written for {@code stall}. */
    boolean stalled(Duration stall) {
        return connection != null && connection.subscriber().saturated()
                && System.nanoTime() - lastProgressNanos > stall.toNanos();
    }

    private void drainLoop() {
        int missed = 1;
        do {
            drain();
            missed = pendingSignals.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        LiveFeed.Connection c = connection;
        if (closed.get() || c == null) {
            return;
        }
        try {
            boolean wrote = false;
            while (out.isReady()) {
                byte[] chunk = next(c.subscriber());
                if (chunk == null) {
                    if (wrote) {
                        out.flush();
                    }
                    return;
                }
                out.write(chunk);
                wrote = true;
                lastProgressNanos = System.nanoTime();
            }
            // not ready: the container calls onWritePossible when the client has taken what is buffered
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    private byte[] next(FeedSubscriber subscriber) throws IOException {
        if (heartbeatDue.getAndSet(false)) {
            return HEARTBEAT;
        }
        long dropped = subscriber.takeNewlyDropped();
        if (dropped > 0) {
            return ("event: dropped\ndata: {\"dropped\":" + dropped + "}\n\n").getBytes(StandardCharsets.UTF_8);
        }
        ActionEvent event = subscriber.poll();
        return event == null ? null : encode(event);
    }

    /** One SSE event: its sequence number as the id (for Last-Event-ID), its kind as the event name, JSON data. */
    static byte[] encode(ActionEvent event) throws IOException {
        return ("id: " + event.seq() + "\nevent: " + event.kind() + "\ndata: " + JSON.writeValueAsString(json(event)) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(ActionEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", event.seq());
        m.put("time", event.time().toString());
        m.put("kind", event.kind());
        m.put("user", event.user());
        m.put("level", event.level());
        m.put("line", event.line());
        return m;
    }

    /** Unsubscribes and ends the response, once. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LiveFeed.Connection c = connection;
        if (c != null) {
            c.close();
        }
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed or the request has ended
        }
    }

    @Override
    public void onWritePossible() {
        signal();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing: the feed starts async once
    }
}
