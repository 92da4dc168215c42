package io.promptgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.ops.ActionEvent;
import io.promptgate.ops.ActionHistory;
import io.promptgate.ops.LiveFeed;
import io.promptgate.ops.LocalActionEventBus;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The SSE writer against a servlet output that is ready or not, as a slow client makes it. */
class SseFeedWriterTest {
    final LocalActionEventBus bus = new LocalActionEventBus();
    final ActionHistory history = new ActionHistory(100);
    final LiveFeed feed = new LiveFeed(bus, history, 8);
    final FakeOutput out = new FakeOutput();
    final FakeAsync async = new FakeAsync();
    long seq;

    {
        bus.subscribe(history);
    }

    void publish(String user) {
        seq++;
        bus.publish(new ActionEvent(seq, Instant.EPOCH, ActionEvent.REQUEST, user, "INFO", "line " + seq));
    }

    SseFeedWriter open(String user, boolean admin) {
        SseFeedWriter writer = new SseFeedWriter(async, out, Runnable::run, w -> { });
        writer.start(feed.open(user, admin, 0, writer::signal));
        return writer;
    }

    @Test
    void writesTheHeartbeatHistoryAndLiveEventsAsServerSentEvents() throws Exception {
        publish("alice");
        publish("bob");
        open("alice", false);
        out.listener.onWritePossible(); // the container says the output is ready
        publish("alice");
        assertThat(out.text()).isEqualTo(": keep-alive\n\n"
                + "id: 1\nevent: request\ndata: {\"seq\":1,\"time\":\"1970-01-01T00:00:00Z\",\"kind\":\"request\",\"user\":\"alice\","
                + "\"level\":\"INFO\",\"line\":\"line 1\"}\n\n"
                + "id: 3\nevent: request\ndata: {\"seq\":3,\"time\":\"1970-01-01T00:00:00Z\",\"kind\":\"request\",\"user\":\"alice\","
                + "\"level\":\"INFO\",\"line\":\"line 3\"}\n\n");
        assertThat(out.flushes).isPositive();
    }

    @Test
    void aClientThatTakesNothingNeverHoldsUpThePublisherAndIsToldWhatItMissed() throws Exception {
        SseFeedWriter writer = open("admin", true);
        out.listener.onWritePossible();
        out.ready = false; // the client stopped reading: the container's buffer is full
        long start = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            publish("alice");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(out.text()).isEqualTo(": keep-alive\n\n");
        assertThat(feed.dropped()).isEqualTo(5_000 - 8);
        assertThat(writer.stalled(Duration.ZERO)).isTrue();

        out.ready = true;
        out.listener.onWritePossible(); // it reads again
        String text = out.text();
        assertThat(text).contains("event: dropped\ndata: {\"dropped\":4992}\n\n");
        assertThat(text.split("event: request", -1)).hasSize(9); // the 8 queued events
        assertThat(writer.stalled(Duration.ZERO)).isFalse();
    }

    @Test
    void aFailedWriteOrAClosedRequestUnsubscribesOnce() throws Exception {
        SseFeedWriter writer = open("admin", true);
        assertThat(feed.subscribers()).isEqualTo(1);
        out.failing = true;
        out.listener.onWritePossible();
        assertThat(feed.subscribers()).isZero();
        assertThat(async.completed).isTrue();
        writer.close();
        assertThat(feed.subscribers()).isZero();
        publish("alice"); // nobody left to write to: nothing happens
    }

    static final class FakeOutput extends ServletOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile boolean ready = true;
        volatile boolean failing;
        WriteListener listener;
        int flushes;

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failing) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    static final class FakeAsync implements AsyncContext {
        final AtomicBoolean completedOnce = new AtomicBoolean();
        volatile boolean completed;

        @Override
        public void complete() {
            if (!completedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("completed twice");
            }
            completed = true;
        }

        @Override
        public void addListener(AsyncListener listener) {
        }

        @Override
        public ServletRequest getRequest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServletResponse getResponse() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return true;
        }

        @Override
        public void dispatch() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(Runnable run) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> clazz) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTimeout(long timeout) {
        }

        @Override
        public long getTimeout() {
            return 0;
        }
    }
}
