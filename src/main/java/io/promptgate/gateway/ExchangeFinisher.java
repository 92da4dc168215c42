package io.promptgate.gateway;

import io.promptgate.core.GatewayError;
import io.promptgate.gateway.record.Recorder;
import io.promptgate.protocol.ErrorBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place exchanges end: answers, errors in the caller's protocol shape, completion of the
 * async context and the request record. Every exchange is finished exactly once.
 */
public final class ExchangeFinisher {
    private static final Logger LOG = Logger.getLogger(ExchangeFinisher.class.getName());
    private final Recorder recorder;

    public ExchangeFinisher(Recorder recorder) {
        this.recorder = recorder;
    }

    /** Answers the exchange with a small body the gateway produced itself. */
    public void answer(Exchange exchange, int status, String contentType, byte[] body) {
        if (!exchange.claimFinish()) {
            return;
        }
        exchange.status(status);
        writeSmallBody(exchange, status, contentType, body, null);
        end(exchange);
    }

    /** Ends the exchange with {@code error}, rendered in the caller's protocol shape. */
    public void fail(Exchange exchange, GatewayError error) {
        if (exchange.isFinished()) {
            return;
        }
        logServerError(exchange, error);
        ResponseRelayHandle relay = exchange.relay();
        if (relay != null && relay.abort(error)) {
            return;
        }
        if (!exchange.claimFinish()) {
            return;
        }
        recordError(exchange, error);
        HttpServletResponse response = exchange.clientResponse();
        if (response.isCommitted()) {
            end(exchange);
            return;
        }
        byte[] body = ErrorBodies.json(exchange.protocol(), error, exchange.requestId());
        writeSmallBody(exchange, error.status(), "application/json", body, error.retryAfterSeconds());
        end(exchange);
    }

    /** The client went away before the answer was complete: the upstream is cancelled, the record says so. */
    public void clientGone(Exchange exchange) {
        ResponseRelayHandle relay = exchange.relay();
        if (relay != null) {
            relay.clientGone();
            return;
        }
        exchange.error("client_cancelled");
        if (exchange.status() == 0) {
            exchange.status(499);
        }
        complete(exchange);
    }

    /** Called by a relay once the whole response has been written (or abandoned). */
    public void complete(Exchange exchange) {
        if (!exchange.claimFinish()) {
            return;
        }
        end(exchange);
    }

    /** A 5xx of the gateway's own is logged with its cause under the id the caller also sees. */
    private static void logServerError(Exchange exchange, GatewayError error) {
        if (error.status() >= 500) {
            LOG.log(Level.WARNING, "request failed requestId=" + exchange.requestId() + " status=" + error.status()
                    + " reason=" + error.kind().code() + " message=" + error.getMessage(), error.getCause());
        }
    }

    /** Notes an error on the exchange's record without answering (the relay answers). */
    public static void recordError(Exchange exchange, GatewayError error) {
        exchange.status(error.status());
        if (exchange.error() == null) {
            exchange.error(error.kind().code());
        }
    }

    private void writeSmallBody(Exchange exchange, int status, String contentType, byte[] body, Long retryAfter) {
        HttpServletResponse response = exchange.clientResponse();
        try {
            response.resetBuffer();
            response.setStatus(status);
            response.setContentType(contentType);
            response.setContentLength(body.length);
            if (exchange.bodyLeftUnread()) {
                // answered without reading the request body: the connection cannot be reused safely
                response.setHeader("Connection", "close");
            }
            if (retryAfter != null) {
                response.setHeader("Retry-After", Long.toString(retryAfter));
            }
            exchange.markFirstByte();
            response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
            exchange.error("client_cancelled");
        }
    }

    private void end(Exchange exchange) {
        exchange.releasePermits();
        try {
            exchange.asyncContext().complete();
        } catch (IllegalStateException e) {
            // the container already ended the request (client gone); the record still counts
        } finally {
            recorder.record(exchange);
        }
    }
}
