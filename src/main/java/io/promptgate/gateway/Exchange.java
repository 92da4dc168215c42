package io.promptgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ApiKey;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.core.TokenUsage;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one gateway request carries from the first stage to its record. Created by the
 * filter, filled in by the stages in order, read by the finisher and the recorder.
 */
public final class Exchange {
    private final String requestId;
    private final Instant startTime;
    private final long startNanos;
    private final HttpServletRequest clientRequest;
    private final HttpServletResponse clientResponse;
    private final AsyncContext asyncContext;
    private final CompiledSnapshot snapshot;
    private final String host;
    private final String path;
    private final String clientIp;
    private final String method;
    private final boolean requestHasBody;
    private volatile boolean bodyRead;
    private final AtomicBoolean finished = new AtomicBoolean();

    private volatile Protocol protocol;
    private volatile Route route;
    private volatile ApiKey caller;
    private volatile byte[] clientBody;
    private volatile ObjectNode requestJson;
    private volatile boolean stream;
    private volatile boolean callerWantsUsageChunk;
    private volatile Provider provider;
    private volatile String upstreamModel;
    private volatile boolean fallback;
    private volatile TokenUsage usage = TokenUsage.NONE;
    private volatile long firstByteNanos;
    private volatile long queueNanos;
    private volatile int status;
    private volatile String error;
    private volatile ResponseRelayHandle relay;
    private volatile io.promptgate.gateway.admit.Ticket ticket;

    public Exchange(String requestId, HttpServletRequest clientRequest, HttpServletResponse clientResponse,
                    AsyncContext asyncContext, CompiledSnapshot snapshot, String host, String path) {
        this.requestId = requestId;
        this.startTime = Instant.now();
        this.startNanos = System.nanoTime();
        this.clientRequest = clientRequest;
        this.clientResponse = clientResponse;
        this.asyncContext = asyncContext;
        this.snapshot = snapshot;
        this.host = host;
        this.path = path;
        this.clientIp = clientRequest.getRemoteAddr();
        this.method = clientRequest.getMethod();
        this.requestHasBody = clientRequest.getContentLengthLong() > 0 || clientRequest.getHeader("Transfer-Encoding") != null;
        this.protocol = ProtocolGuess.fromRequest(path, clientRequest);
    }

    public String requestId() { return requestId; }
    public Instant startTime() { return startTime; }
    public long startNanos() { return startNanos; }
    public HttpServletRequest clientRequest() { return clientRequest; }
    public HttpServletResponse clientResponse() { return clientResponse; }
    public AsyncContext asyncContext() { return asyncContext; }
    /** The configuration this request is served under, fixed for its whole life. */
    public CompiledSnapshot snapshot() { return snapshot; }
    /** The request's Host, lower-case, without port. */
    public String host() { return host; }
    /** The normalised request path that auth, routing and records all use. */
    public String path() { return path; }
    public String method() { return method; }
    /** The client address as the container reports it (RemoteIpValve decides about proxies). */
    public String clientIp() { return clientIp; }

    /** The protocol whose shape the caller gets: the route's, or a guess before routing. */
    public Protocol protocol() { return protocol; }
    public Route route() { return route; }
    public void route(Route route) {
        this.route = route;
        this.protocol = route.protocol();
    }

    public ApiKey caller() { return caller; }
    public void caller(ApiKey caller) { this.caller = caller; }

    public byte[] clientBody() { return clientBody; }
    public void clientBody(byte[] body) {
        this.clientBody = body;
        this.bodyRead = true;
    }

    /** True when the client sent a body that the gateway has not read (an answer given before reading it). */
    public boolean bodyLeftUnread() { return requestHasBody && !bodyRead; }

    public ObjectNode requestJson() { return requestJson; }
    public void requestJson(ObjectNode json) { this.requestJson = json; }

    public boolean stream() { return stream; }
    public void stream(boolean stream) { this.stream = stream; }

    /** False when the gateway asked an OpenAI upstream for the usage chunk the caller did not want. */
    public boolean callerWantsUsageChunk() { return callerWantsUsageChunk; }
    public void callerWantsUsageChunk(boolean wants) { this.callerWantsUsageChunk = wants; }

    public Provider provider() { return provider; }
    public String upstreamModel() { return upstreamModel; }
    public void target(Provider provider, String upstreamModel, boolean fallback) {
        this.provider = provider;
        this.upstreamModel = upstreamModel;
        this.fallback = fallback;
    }
    public boolean fallback() { return fallback; }

    public TokenUsage usage() { return usage; }
    public void usage(TokenUsage usage) { this.usage = usage; }

    /** Marks the moment the first response byte went to the client (first call wins). */
    public void markFirstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }
    public long firstByteNanos() { return firstByteNanos; }

    public long queueNanos() { return queueNanos; }
    public void queueNanos(long nanos) { this.queueNanos = nanos; }

    public int status() { return status; }
    public void status(int status) { this.status = status; }

    public String error() { return error; }
    public void error(String error) { this.error = error; }

    /** The relay streaming the upstream response, once forwarding has begun. */
    public ResponseRelayHandle relay() { return relay; }
    public void relay(ResponseRelayHandle relay) { this.relay = relay; }

    /** The concurrency permits this exchange holds or waits for, once admission has begun. */
    public io.promptgate.gateway.admit.Ticket ticket() { return ticket; }
    public void ticket(io.promptgate.gateway.admit.Ticket ticket) { this.ticket = ticket; }

    /** Gives back every permit and leaves any queue; safe to call on every path, acts once. */
    void releasePermits() {
        io.promptgate.gateway.admit.Ticket t = ticket;
        if (t != null) {
            t.close();
        }
    }

    /** Claims the right to finish this exchange; true for exactly one caller. */
    boolean claimFinish() {
        return finished.compareAndSet(false, true);
    }

    public boolean isFinished() {
        return finished.get();
    }
}
