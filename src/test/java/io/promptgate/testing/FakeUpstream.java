package io.promptgate.testing;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real HTTP server on 127.0.0.1 and a random port that speaks the wire formats of OpenAI Chat
 * Completions ({@code POST {prefix}/chat/completions}, prefix {@code /v1} by default) and Anthropic
 * Messages ({@code POST /v1/messages}, {@code POST /v1/messages/count_tokens}), plus
 * {@code GET {prefix}/models} (Anthropic shape when the request has {@code anthropic-version}).
 *
 * <p>By default it answers every request with {@link FakeReply#ok()}: the text
 * {@link FakeWireFormats#replyText(String, String) "[model] last user message"}, streamed when
 * the request asks for it. Tests script other behaviour with {@link #defaultReply(FakeReply)} and
 * one-shot {@link #enqueue(FakeReply...)}, and inspect {@link #requests()} and the concurrency
 * counters. For a port nothing listens on, use {@link FreePorts#unreachableBaseUrl()}.
 */
public final class FakeUpstream implements AutoCloseable {

    // Jetty's start/stop banners at INFO would drown the test output
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");

    static {
        JETTY_LOG.setLevel(Level.WARNING);
    }

    private final String openAiPrefix;
    private final Server server;
    private final ServerConnector connector;

    private final Object recordLock = new Object();
    private final List<RecordedRequest> records = new ArrayList<>();
    private final ConcurrentLinkedQueue<FakeReply> scripted = new ConcurrentLinkedQueue<>();
    private volatile FakeReply defaultReply = FakeReply.ok();
    private volatile List<String> models = List.of("fake-model");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** OpenAI endpoints under {@code /v1}. */
    public FakeUpstream() {
        this("/v1");
    }

    /** OpenAI endpoints under {@code openAiPrefix} (e.g. {@code /compatible-mode/v1}, or "" for none). */
    public FakeUpstream(String openAiPrefix) {
        this.openAiPrefix = openAiPrefix.endsWith("/") ? openAiPrefix.substring(0, openAiPrefix.length() - 1) : openAiPrefix;
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("fake-upstream");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // stalls are scripted; Jetty must not time them out first
        connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(10));
        server.addConnector(connector);
        server.setHandler(new FakeHandler());
        // no graceful wait for idle keep-alive connections: tests stop the fake in milliseconds
        server.setStopTimeout(0);
    }

    /** A started fake with OpenAI endpoints under {@code /v1}. */
    public static FakeUpstream started() {
        return new FakeUpstream().start();
    }

    public FakeUpstream start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not start", e);
        }
        return this;
    }

    /** Stops the server; stalled and held requests end at once with their connections. */
    @Override
    public void close() {
        closed.countDown();
        held.countDown();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("fake upstream did not stop", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The OpenAI SDK convention: {@code http://127.0.0.1:port/v1}. */
    public String openaiBaseUrl() {
        return baseUrl() + openAiPrefix;
    }

    /** The Anthropic SDK convention: {@code http://127.0.0.1:port}. */
    public String anthropicBaseUrl() {
        return baseUrl();
    }

    // ---- scripting ----

    /** How every request without an enqueued reply is answered. */
    public FakeUpstream defaultReply(FakeReply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** One-shot replies, used by the next requests in order before falling back to the default. */
    public FakeUpstream enqueue(FakeReply... replies) {
        scripted.addAll(List.of(replies));
        return this;
    }

    /** The model ids {@code GET /models} lists. */
    public FakeUpstream models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /**
     * Lets go every {@link FakeReply#holdUntilReleased()} request that arrived before this call;
     * later ones wait for the next call.
     */
    public void releaseHeld() {
        CountDownLatch previous = held;
        held = new CountDownLatch(1);
        previous.countDown();
    }

    /** Forgets recorded requests, scripted replies and the concurrency peak; default reply back to ok. */
    public void reset() {
        synchronized (recordLock) {
            records.clear();
        }
        scripted.clear();
        defaultReply = FakeReply.ok();
        maxConcurrent.set(inFlight.get());
    }

    // ---- what happened ----

    public List<RecordedRequest> requests() {
        synchronized (recordLock) {
            return List.copyOf(records);
        }
    }

    public int requestCount() {
        synchronized (recordLock) {
            return records.size();
        }
    }

    /** The most recent request; fails when none arrived. */
    public RecordedRequest lastRequest() {
        synchronized (recordLock) {
            if (records.isEmpty()) {
                throw new AssertionError("the fake upstream received no request");
            }
            return records.get(records.size() - 1);
        }
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code timeout}. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recordLock) {
            while (records.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " requests, got " + records.size() + " in " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(recordLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return List.copyOf(records);
        }
    }

    /** Requests being answered right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests answered at the same time since start or {@link #reset()}. */
    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Waits until no request is being answered; false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    // ---- serving ----

    private final class FakeHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            maxConcurrent.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Runnable leave = leaveOnce();
            // taken before the request is recorded: releaseHeld() frees every request a test saw arrive
            CountDownLatch gate = held;
            try {
                RecordedRequest recorded = record(request);
                FakeReply reply = scripted.poll();
                new FakeResponder(FakeUpstream.this, request, response, recorded, reply != null ? reply : defaultReply, gate,
                        leave).respond();
                callback.succeeded();
            } catch (FakeResponder.Dropped dropped) {
                // the connection is gone; failing the callback would only log an error response nobody gets
                callback.succeeded();
            } catch (Throwable failure) {
                callback.failed(failure);
            } finally {
                leave.run();
            }
            return true;
        }
    }

    /**
     * Ends one request's count in {@link #inFlight()}, at most once. The responder calls it before its last
     * write: a client that sends its next request on the response's last byte must not find the old one counted.
     */
    private Runnable leaveOnce() {
        AtomicBoolean left = new AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
    }

    private RecordedRequest record(Request request) throws IOException {
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        RecordedRequest recorded = new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, Instant.now());
        synchronized (recordLock) {
            records.add(recorded);
            recordLock.notifyAll();
        }
        return recorded;
    }

    String openAiPrefix() {
        return openAiPrefix;
    }

    List<String> modelIds() {
        return models;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Waits until {@code gate} opens ({@link #releaseHeld()}); true when the fake was closed instead. */
    boolean awaitRelease(CountDownLatch gate) throws InterruptedException {
        gate.await();
        return closed.getCount() == 0;
    }

    /** Sleeps {@code millis}; true when the fake was closed meanwhile. */
    boolean sleepUnlessClosed(long millis) throws InterruptedException {
        return millis > 0 && closed.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + baseUrl() + ", " + requestCount() + " requests]";
    }
}
