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
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.IntPredicate;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;

/**
 * Streams one upstream response to the client with non-blocking writes and back-pressure: one
 * upstream chunk is demanded only after the previous one has been written, and an event stream
 * is flushed after every chunk. A non-streaming answer is held until it is complete (up to
 * {@link #HOLD_LIMIT}; a larger one is streamed from there on), so that an upstream breaking off
 * halfway gets the caller a clean error rather than a truncated body. Owns the client response
 * from the moment the upstream's head arrives, including any error that happens after that.
 * Watches the upstream's first byte and its silences (through the {@link IdleWatchdog}).
 */
final class ResponseRelay implements Response.Listener, ResponseRelayHandle {

    /** Response headers the client never gets from the upstream (the gateway sets its own or they leak). */
    private static final Set<String> NOT_RELAYED = Set.of(
            "content-length", "set-cookie", "x-request-id", "server", "date");
    /** Bytes of a non-streaming answer held before it is relayed as it comes. */
    static final int HOLD_LIMIT = 64 * 1024;

    private final Exchange exchange;
    private final ExchangeFinisher finisher;
    private final IdleWatchdog watchdog;
    private final InspectorFactory inspectors;
    private final long idleTimeoutNanos;
    private final long firstByteTimeoutNanos;
    private final IntPredicate fallbackOn;
    private final Runnable fallback;
    private final Object lock = new Object();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();

    // guarded by lock
    private Runnable demander;
    private ServletOutputStream out;
    private BodyInspector inspector = new OpaqueBody();
    private boolean sse;
    private boolean needsFlush;
    private boolean holding;
    private long heldBytes;
    /**
     * The upstream's head until the first byte goes out: an error before that needs no reset of the
     * client response (Tomcat 10.1 stops calling a write listener set before a reset).
     */
    private HttpFields heldHead;
    private boolean upstreamEnded;
    private boolean terminal;
    private boolean done;

    /** Set when a fallback status arrived: this attempt's body is read and dropped. */
    private volatile boolean discarding;
    private volatile boolean headReceived;
    private volatile boolean committed;
    private volatile long sentAtNanos;
    private volatile long awaitingSinceNanos;
    private volatile Request upstreamRequest;

    /**
     * @param inspectors the inspector for the body, chosen once the upstream's head is known
     * @param fallbackOn upstream statuses that, arriving before any byte went to the client,
     *                   are not relayed but handed to {@code fallback} for a second attempt
     */
    ResponseRelay(Exchange exchange, ExchangeFinisher finisher, IdleWatchdog watchdog,
                  InspectorFactory inspectors, long firstByteTimeoutNanos, long idleTimeoutNanos,
                  IntPredicate fallbackOn, Runnable fallback) {
        this.fallbackOn = fallbackOn;
        this.fallback = fallback;
        this.exchange = exchange;
        this.finisher = finisher;
        this.watchdog = watchdog;
        this.inspectors = inspectors;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.firstByteTimeoutNanos = firstByteTimeoutNanos;
    }

    /** Sends the upstream request with this relay as its listener; the first-byte clock starts now. */
    void send(Request request) {
        upstreamRequest = request;
        sentAtNanos = System.nanoTime();
        request.send(this);
    }

    // ---- the upstream's head -------------------------------------------------------------

    @Override
    public void onHeaders(Response upstream) {
        ServletOutputStream stream = null;
        synchronized (lock) {
            headReceived = true;
            if (terminal) {
                upstream.abort(new CancellationException("the exchange already ended"));
                return;
            }
            int status = upstream.getStatus();
            if (fallbackOn.test(status)) {
                terminal = true; // this attempt is over: nothing of it reaches the client
                discarding = true; // its body is read to the end so that the connection is reused
            } else {
                stream = relayHead(status, upstream.getHeaders());
            }
        }
        if (discarding) {
            watchdog.unregister(this);
            fallback.run();
            return;
        }
        if (stream == null) {
            clientGone();
            return;
        }
        stream.setWriteListener(new ClientWrites());
    }

    /** Status and headers to the client; the client's output stream, or null if it is gone. Under the lock. */
    private ServletOutputStream relayHead(int status, HttpFields headers) {
        String contentType = headers.get("content-type");
        contentType = contentType == null ? "" : contentType;
        sse = status < 300 && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        inspector = inspectors.forResponse(status, sse);
        exchange.status(status);
        if (status >= 400) {
            exchange.error("upstream_status_" + status);
        }
        heldHead = headers; // on the client response with the first byte (the container sends it no earlier)
        try {
            out = exchange.clientResponse().getOutputStream();
        } catch (IOException e) {
            return null;
        }
        awaitingSinceNanos = System.nanoTime(); // the body's first chunk is demanded with the head
        holding = !sse; // events go out as they come
        return out;
    }

    /** The upstream's status and headers onto the client response, once. Under the lock. */
    private void releaseHead() {
        if (heldHead != null) {
            HttpServletResponse response = exchange.clientResponse();
            response.setStatus(exchange.status());
            copyHeaders(heldHead, response);
            if (sse) {
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
            }
            heldHead = null;
        }
    }

    private static void copyHeaders(HttpFields headers, HttpServletResponse response) {
        Set<String> hopByHop = HopByHopHeaders.forMessage(headers.getValuesList("connection"));
        for (HttpField field : headers) {
            String name = field.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || hopByHop.contains(lower) || NOT_RELAYED.contains(lower)) {
                continue;
            }
            response.addHeader(name, field.getValue());
        }
    }

    // ---- the upstream's body ------------------------------------------------------------

    @Override
    public void onContent(Response upstream, Content.Chunk chunk, Runnable demand) {
        if (discarding) {
            demand.run();
            return;
        }
        RuntimeException malformed = null;
        synchronized (lock) {
            awaitingSinceNanos = 0;
            if (terminal) {
                return;
            }
            demander = demand;
            // the chunk's buffer goes back to the client's pool when this method returns
            ByteBuffer bytes = chunk.getByteBuffer();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            heldBytes += holding ? copy.length : 0;
            try {
                pending.addAll(inspector.onChunk(List.of(ByteBuffer.wrap(copy))));
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
    public void onSuccess(Response upstream) {
        if (discarding) {
            return;
        }
        synchronized (lock) {
            if (!terminal) {
                pending.addAll(inspector.onEnd());
                upstreamEnded = true;
            }
        }
        drain();
    }

    @Override
    public void onComplete(Result result) {
        if (!result.isFailed() || discarding) {
            return;
        }
        synchronized (lock) {
            if (terminal || upstreamEnded) {
                return; // the gateway cancelled this upstream call itself, or the answer was complete
            }
        }
        String provider = exchange.provider() == null ? "?" : exchange.provider().name();
        finisher.fail(exchange, UpstreamFailures.toError(result.getFailure(), provider));
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

    /**
     * Writes what is pending while the client can take it; asks the upstream for more only when all
     * is written. While a non-streaming answer is held: asks for more at once, and writes nothing
     * until the answer is complete, failed or too large to hold.
     */
    private void drain() {
        boolean finished = false;
        boolean clientBroke = false;
        Runnable demand = null;
        synchronized (lock) {
            if (out == null || done) {
                return;
            }
            if (holding && !upstreamEnded && heldBytes <= HOLD_LIMIT) {
                demand = takeDemand();
            } else {
                holding = false;
                try {
                    while (out.isReady()) {
                        ByteBuffer next = pending.poll();
                        if (next != null) {
                            releaseHead();
                            write(next);
                            continue;
                        }
                        if (needsFlush) {
                            needsFlush = false;
                            out.flush();
                            continue;
                        }
                        if (upstreamEnded) {
                            releaseHead();
                            done = true;
                            finished = true;
                        } else {
                            demand = takeDemand();
                        }
                        break;
                    }
                } catch (IOException | IllegalStateException e) {
                    clientBroke = true;
                }
            }
        }
        if (clientBroke) {
            clientGone();
        } else if (demand != null) {
            demand.run();
        } else if (finished) {
            finish();
        }
    }

    /** The upstream's pending demand for its next chunk, if any, with its silence clock started. Under the lock. */
    private Runnable takeDemand() {
        if (demander == null || terminal) {
            return null;
        }
        awaitingSinceNanos = System.nanoTime();
        Runnable demand = demander;
        demander = null;
        return demand;
    }

    private void write(ByteBuffer buffer) throws IOException {
        int n = buffer.remaining();
        if (n == 0) {
            return;
        }
        // every pending buffer wraps an array: the relay's copy of a chunk, or bytes an inspector made
        out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
        buffer.position(buffer.limit());
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
            if (heldHead == null) {
                response.reset(); // the upstream's status and headers are already on it
            }
            heldHead = null;
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
        Request request = upstreamRequest;
        if (request != null) {
            request.abort(new CancellationException("cancelled by the gateway"));
        }
    }

    /**
     * Called by the watchdog: ends the exchange when the upstream's head is later than the
     * provider's first-byte timeout, or the upstream has been silent longer than its idle timeout.
     */
    void checkIdle(long nowNanos) {
        if (!headReceived) {
            long sent = sentAtNanos;
            if (sent != 0 && nowNanos - sent > firstByteTimeoutNanos) {
                String provider = exchange.provider() == null ? "?" : exchange.provider().name();
                finisher.fail(exchange, GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT,
                        "Provider '" + provider + "' did not answer in time"));
            }
            return;
        }
        long since = awaitingSinceNanos;
        if (since != 0 && nowNanos - since > idleTimeoutNanos) {
            String provider = exchange.provider() == null ? "?" : exchange.provider().name();
            finisher.fail(exchange, GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT,
                    "Provider '" + provider + "' sent nothing for " + (idleTimeoutNanos / 1_000_000_000L) + " s"));
        }
    }
}
