package io.promptgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Answers one request of the fake upstream as its {@link FakeReply} says, with blocking writes. */
final class FakeResponder {

    private static final long WRITE_TIMEOUT_MS = 30_000;

    /** Ends a response whose connection was closed on purpose. */
    static final class Dropped extends IOException {
        private static final long serialVersionUID = 1L;

        Dropped() {
            super("connection dropped by the fake upstream's script", null);
        }
    }

    private enum Endpoint { OPENAI_CHAT, ANTHROPIC_MESSAGES, ANTHROPIC_COUNT_TOKENS, MODELS, UNKNOWN }

    private final FakeUpstream upstream;
    private final Request request;
    private final Response response;
    private final RecordedRequest recorded;
    private final FakeReply reply;
    private final CountDownLatch heldGate;
    /** Takes this request out of the fake's in-flight count; run before the last byte can reach the client. */
    private final Runnable leave;

    FakeResponder(FakeUpstream upstream, Request request, Response response, RecordedRequest recorded, FakeReply reply,
                  CountDownLatch heldGate, Runnable leave) {
        this.upstream = upstream;
        this.request = request;
        this.response = response;
        this.recorded = recorded;
        this.reply = reply;
        this.heldGate = heldGate;
        this.leave = leave;
    }

    void respond() throws Exception {
        if (reply.hold && upstream.awaitRelease(heldGate)) {
            drop();
        }
        pause(reply.headerDelayMs);
        if (reply.dropBeforeHeaders) {
            drop();
        }
        Endpoint endpoint = endpoint();
        boolean anthropic = endpoint == Endpoint.ANTHROPIC_MESSAGES || endpoint == Endpoint.ANTHROPIC_COUNT_TOKENS
                || (endpoint != Endpoint.OPENAI_CHAT && recorded.hasHeader("anthropic-version"));
        long sequence = upstream.nextSequence();
        response.getHeaders().put(anthropic ? "request-id" : "x-request-id", "req_fake_" + sequence);
        reply.headers.forEach(response.getHeaders()::put);

        if (reply.location != null) {
            response.getHeaders().put(HttpHeader.LOCATION, reply.location);
            sendBody(reply.status, "text/plain", new byte[0]);
        } else if (reply.status != null) {
            byte[] body = reply.body != null ? reply.body.getBytes(StandardCharsets.UTF_8) : error(anthropic, reply.status, reply.text);
            sendBody(reply.status, reply.contentType, body);
        } else if (endpoint == Endpoint.UNKNOWN) {
            sendBody(404, "application/json", error(anthropic, 404, "no such endpoint: " + recorded.path()));
        } else if (endpoint == Endpoint.MODELS) {
            if (!"GET".equals(recorded.method())) {
                sendBody(405, "application/json", error(anthropic, 405, "method " + recorded.method() + " not allowed"));
                return;
            }
            List<String> ids = upstream.modelIds();
            sendBody(200, "application/json", anthropic ? FakeWireFormats.anthropicModels(ids) : FakeWireFormats.openAiModels(ids));
        } else {
            answer(endpoint, anthropic, sequence);
        }
    }

    private void answer(Endpoint endpoint, boolean anthropic, long sequence) throws Exception {
        if (!"POST".equals(recorded.method())) {
            sendBody(405, "application/json", error(anthropic, 405, "method " + recorded.method() + " not allowed"));
            return;
        }
        JsonNode body;
        try {
            body = FakeWireFormats.MAPPER.readTree(recorded.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            sendBody(400, "application/json", error(anthropic, 400, "request body is not a JSON object"));
            return;
        }
        if (endpoint == Endpoint.ANTHROPIC_COUNT_TOKENS) {
            long tokens = reply.inputTokens != null ? reply.inputTokens : FakeWireFormats.requestTokens(body);
            sendBody(200, "application/json", FakeWireFormats.anthropicCountTokens(tokens));
            return;
        }
        String id = (anthropic ? "msg_fake_" : "chatcmpl-fake-") + sequence;
        FakeWireFormats.Plan plan = FakeWireFormats.Plan.of(id, body, reply);
        if (!body.path("stream").asBoolean(false)) {
            sendBody(200, "application/json", anthropic ? FakeWireFormats.anthropicMessage(plan) : FakeWireFormats.openAiCompletion(plan));
            return;
        }
        boolean usageChunk = reply.usageChunk != null
                ? reply.usageChunk
                : body.path("stream_options").path("include_usage").asBoolean(false);
        sendStream(anthropic ? FakeWireFormats.anthropicStream(plan) : FakeWireFormats.openAiStream(plan, usageChunk));
    }

    private Endpoint endpoint() {
        String path = recorded.path();
        String prefix = upstream.openAiPrefix();
        if (path.equals(prefix + "/chat/completions")) {
            return Endpoint.OPENAI_CHAT;
        }
        if (path.equals("/v1/messages")) {
            return Endpoint.ANTHROPIC_MESSAGES;
        }
        if (path.equals("/v1/messages/count_tokens")) {
            return Endpoint.ANTHROPIC_COUNT_TOKENS;
        }
        if (path.equals(prefix + "/models") || path.equals("/v1/models")) {
            return Endpoint.MODELS;
        }
        return Endpoint.UNKNOWN;
    }

    private static byte[] error(boolean anthropic, int status, String message) {
        return anthropic ? FakeWireFormats.anthropicError(status, message) : FakeWireFormats.openAiError(status, message);
    }

    // a whole body with Content-Length, so that a drop halfway is visible to the client
    private void sendBody(int status, String contentType, byte[] body) throws Exception {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean interrupted = body.length > 0 && (reply.dropAfterEvents >= 0 || reply.stallAfterEvents >= 0);
        if (reply.firstByteDelayMs > 0 || interrupted) {
            commitHeaders();
            pause(reply.firstByteDelayMs);
        }
        if (!interrupted) {
            write(ByteBuffer.wrap(body), true);
            return;
        }
        int half = body.length / 2;
        write(ByteBuffer.wrap(body, 0, half), false);
        if (reply.dropAfterEvents >= 0) {
            drop();
        }
        pause(reply.stallMs);
        write(ByteBuffer.wrap(body, half, body.length - half), true);
    }

    private void sendStream(List<FakeWireFormats.WireEvent> events) throws Exception {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        commitHeaders();
        pause(reply.firstByteDelayMs);
        int written = 0;
        for (FakeWireFormats.WireEvent event : events) {
            interruptAfter(written);
            if (event.content()) {
                pause(reply.chunkGapMs);
            }
            write(ByteBuffer.wrap(event.bytes()), false);
            written++;
        }
        interruptAfter(written);
        write(ByteBuffer.allocate(0), true);
    }

    private void interruptAfter(int eventsWritten) throws Exception {
        if (eventsWritten == reply.dropAfterEvents) {
            drop();
        }
        if (eventsWritten == reply.stallAfterEvents) {
            pause(reply.stallMs);
        }
    }

    // an empty write sends the status line and headers at once
    private void commitHeaders() throws Exception {
        write(ByteBuffer.allocate(0), false);
    }

    private void write(ByteBuffer bytes, boolean last) throws Exception {
        if (last) {
            leave.run();
        }
        FutureCallback done = new FutureCallback();
        response.write(last, bytes, done);
        done.get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private void pause(long millis) throws Exception {
        if (upstream.sleepUnlessClosed(millis)) {
            drop();
        }
    }

    private void drop() throws Dropped {
        leave.run();
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        throw new Dropped();
    }
}
