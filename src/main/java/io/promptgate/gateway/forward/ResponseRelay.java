package io.promptgate.gateway.forward;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.TokenUsage;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.ExchangeFinisher;
import io.promptgate.gateway.ResponseRelayHandle;
import io.promptgate.protocol.ErrorBodies;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Streams one upstream response to the client with non-blocking writes and back-pressure: one
 * upstream chunk is requested only after the previous one has been written, and an event stream
 * is flushed after every chunk. Owns the client response from the moment the upstream's head
 * arrives, including any error that happens after that.
 */
final class ResponseRelay implements HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void>,
        ResponseRelayHandle {

    /** Response headers the client never gets from the upstream (the gateway sets its own or they leak). */
    private static final Set<String> NOT_RELAYED = Set.of(
            "content-length", "set-cookie", "x-request-id", "server", "date");

    private final Exchange exchange;
    private final ExchangeFinisher finisher;
    private final IdleWatchdog watchdog;
    private final InspectorFactory inspectors;
    private final long idleTimeoutNanos;
    private final java.util.function.IntPredicate fallbackOn;
    private final Runnable fallback;
    private final CompletableFuture<Void> body = new CompletableFuture<>();
    private final Object lock = new Object();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();

    // guarded by lock
    private Flow.Subscription subscription;
    private ServletOutputStream out;
    private BodyInspector inspector = new OpaqueBody();
    private boolean sse;
    private boolean needsFlush;
    private boolean upstreamEnded;
    private boolean terminal;
    private boolean done;

    private volatile boolean committed;
    private volatile long awaitingSinceNanos;
    private volatile CompletableFuture<?> upstreamCall;

    /**
     * @param inspectors the inspector for the body, chosen once the upstream's head is known
     * @param fallbackOn upstream statuses that, arriving before any byte went to the client,
     *                   are not relayed but handed to {@code fallback} for a second attempt
     */
    ResponseRelay(Exchange exchange, ExchangeFinisher finisher, IdleWatchdog watchdog,
                  InspectorFactory inspectors, long idleTimeoutNanos,
                  java.util.function.IntPredicate fallbackOn, Runnable fallback) {
        this.fallbackOn = fallbackOn;
        this.fallback = fallback;
        this.exchange = exchange;
        this.finisher = finisher;
        this.watchdog = watchdog;
        this.inspectors = inspectors;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    void upstreamCall(CompletableFuture<?> call) {
        this.upstreamCall = call;
    }

    // ---- the upstream's head -------------------------------------------------------------

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        ServletOutputStream stream;
        synchronized (lock) {
            if (terminal) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            int status = info.statusCode();
            if (fallbackOn.test(status)) {
                terminal = true; // this attempt is over: nothing of it reaches the client
                watchdog.unregister(this);
                fallback.run();
                return HttpResponse.BodySubscribers.discarding();
            }
            String contentType = info.headers().firstValue("content-type").orElse("");
            sse = status < 300 && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            inspector = inspectors.forResponse(status, sse);
            exchange.status(status);
            if (status >= 400) {
                exchange.error("upstream_status_" + status);
            }
            HttpServletResponse response = exchange.clientResponse();
            response.setStatus(status);
            copyHeaders(info.headers().map(), response);
            if (sse) {
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
            }
            try {
                stream = response.getOutputStream();
            } catch (IOException e) {
                terminal = true;
                clientGone();
                return HttpResponse.BodySubscribers.replacing(null);
            }
            out = stream;
        }
        stream.setWriteListener(new ClientWrites());
        return this;
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpServletResponse response) {
        Set<String> hopByHop = HopByHopHeaders.forMessage(headers.getOrDefault("connection", List.of()));
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || hopByHop.contains(lower) || NOT_RELAYED.contains(lower)) {
                return;
            }
            for (String value : values) {
                response.addHeader(name, value);
            }
        });
    }

    // ---- the upstream's body ------------------------------------------------------------

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (lock) {
            subscription = s;
            cancel = terminal;
        }
        if (cancel) {
            s.cancel();
        } else {
            drain();
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        RuntimeException malformed = null;
        synchronized (lock) {
            awaitingSinceNanos = 0;
            if (terminal) {
                return;
            }
            try {
                pending.addAll(inspector.onChunk(items));
            } catch (RuntimeException e) {
                malformed = e; // e.g. an event over the size limit
            }
        }
        if (malformed != null) {
            finisher.fail(exchange, GatewayError.of(ErrorKind.BAD_GATEWAY, "Provider sent a malformed response", malformed));
            return;
        }
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
        if (isTerminal()) {
            return; // the gateway cancelled this upstream call itself
        }
        String provider = exchange.provider() == null ? "?" : exchange.provider().name();
        finisher.fail(exchange, UpstreamFailures.toError(failure, provider));
    }

    @Override
    public void onComplete() {
        synchronized (lock) {
            if (!terminal) {
                pending.addAll(inspector.onEnd());
                upstreamEnded = true;
            }
        }
        body.complete(null);
        drain();
    }

    @Override
    public CompletionStage<Void> getBody() {
        return body;
    }

    // ---- the client side -----------------------------------------------------------------

    /** The container's side: the client can take more, or it broke. */
    private final class ClientWrites implements WriteListener {
        @Override
        public void onWritePossible() {
            drain();
        }

        @Override
        public void onError(Throwable clientFailure) {
            clientGone();
        }
    }

    /** Writes what is pending while the client can take it; asks the upstream for more only when all is written. */
    private void drain() {
        boolean requestMore = false;
        boolean finished = false;
        boolean clientBroke = false;
        Flow.Subscription s;
        synchronized (lock) {
            s = subscription;
            if (out == null || done) {
                return;
            }
            try {
                while (out.isReady()) {
                    ByteBuffer next = pending.poll();
                    if (next != null) {
                        write(next);
                        continue;
                    }
                    if (needsFlush) {
                        needsFlush = false;
                        out.flush();
                        continue;
                    }
                    if (upstreamEnded) {
                        done = true;
                        finished = true;
                    } else if (awaitingSinceNanos == 0 && s != null && !terminal) {
                        awaitingSinceNanos = System.nanoTime();
                        requestMore = true;
                    }
                    break;
                }
            } catch (IOException | IllegalStateException e) {
                clientBroke = true;
            }
        }
        if (clientBroke) {
            clientGone();
        } else if (requestMore) {
            s.request(1);
        } else if (finished) {
            finish();
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (n == 0) {
            return;
        }
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        out.write(bytes);
        committed = true;
        exchange.markFirstByte();
        needsFlush = sse;
    }

    private void finish() {
        watchdog.unregister(this);
        exchange.usage(usageSoFar());
        finisher.complete(exchange);
    }

    @Override
    public void clientGone() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            terminal = true;
            pending.clear();
        }
        cancelUpstream();
        exchange.error("client_cancelled");
        if (exchange.status() == 0) {
            exchange.status(499);
        }
        finish();
    }

    private TokenUsage usageSoFar() {
        synchronized (lock) {
            return inspector.usage();
        }
    }

    // ---- errors ---------------------------------------------------------------------------

    boolean isTerminal() {
        synchronized (lock) {
            return terminal;
        }
    }

    @Override
    public boolean committed() {
        return committed;
    }

    @Override
    public boolean abort(GatewayError error) {
        boolean wroteNothing;
        synchronized (lock) {
            if (terminal) {
                return true;
            }
            terminal = true;
            wroteNothing = out == null;
            if (!wroteNothing) {
                if (committed) {
                    // part of the answer already reached the client: the record keeps the status
                    // it saw and says the answer is partial, with the tokens counted so far
                    exchange.error("partial_" + error.kind().code());
                } else {
                    ExchangeFinisher.recordError(exchange, error);
                }
                queueErrorResponse(error);
            }
        }
        cancelUpstream();
        if (wroteNothing) {
            watchdog.unregister(this);
            return false; // nothing of the upstream's response reached the client: the finisher answers
        }
        drain();
        return true;
    }

    /** Before the first byte: replace the response with an error; after it: end the stream with an error event. */
    private void queueErrorResponse(GatewayError error) {
        if (!committed) {
            HttpServletResponse response = exchange.clientResponse();
            response.reset();
            response.setHeader("x-request-id", exchange.requestId());
            response.setStatus(error.status());
            response.setContentType("application/json");
            pending.clear();
            pending.add(ByteBuffer.wrap(ErrorBodies.json(exchange.protocol(), error, exchange.requestId())));
            sse = false;
        } else if (sse) {
            pending.add(ByteBuffer.wrap(ErrorBodies.sseEvent(exchange.protocol(), error, exchange.requestId())));
        }
        upstreamEnded = true;
    }

    private void cancelUpstream() {
        Flow.Subscription s;
        synchronized (lock) {
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<?> call = upstreamCall;
        if (call != null) {
            call.cancel(true);
        }
    }

    /** Called by the watchdog: ends the exchange when the upstream has been silent too long. */
    void checkIdle(long nowNanos) {
        long since = awaitingSinceNanos;
        if (since != 0 && nowNanos - since > idleTimeoutNanos) {
            String provider = exchange.provider() == null ? "?" : exchange.provider().name();
            finisher.fail(exchange, GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT,
                    "Provider '" + provider + "' sent nothing for " + (idleTimeoutNanos / 1_000_000_000L) + " s"));
        }
    }
}
