package io.promptgate.gateway;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * Reads the request body without blocking a thread, up to the configured limit: what the container
 * already holds at once, the rest through a read listener. A declared Content-Length over the limit
 * is refused with 413 before a byte is read.
 */
public final class ReadBodyStage implements Stage {
    /** First buffer for a body of unknown length (chunked); it doubles as needed. */
    private static final int UNKNOWN_LENGTH_START = 8 * 1024;

    @Override
    public void handle(Exchange exchange, Next next) throws IOException {
        if (!"POST".equals(exchange.method())) {
            throw GatewayError.of(ErrorKind.METHOD_NOT_ALLOWED, "Only POST is supported on " + Texts.clip(exchange.path()));
        }
        long limit = exchange.snapshot().snapshot().settings().maxBodyBytes();
        long declared = exchange.clientRequest().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        ServletInputStream in = exchange.clientRequest().getInputStream();
        BodyReader reader = new BodyReader(exchange, next, in, limit, declared);
        if (!reader.readBuffered()) {
            in.setReadListener(reader);
        }
    }

    private static GatewayError tooLarge(long limit) {
        return GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "Request body is larger than the limit of " + limit + " bytes");
    }

    /**
     * Collects the body as the container makes it available, straight into one array sized by
     * Content-Length (no intermediate buffer: the container keeps this listener for the whole
     * exchange, so nothing big may stay reachable from it); hands on once the body is complete.
     */
    private static final class BodyReader implements ReadListener {
        private final Exchange exchange;
        private final Next next;
        private final ServletInputStream in;
        private final long limit;
        private final boolean lengthDeclared;
        private byte[] body;
        private int size;
        private boolean done;

        BodyReader(Exchange exchange, Next next, ServletInputStream in, long limit, long declared) {
            this.exchange = exchange;
            this.next = next;
            this.in = in;
            this.limit = limit;
            this.lengthDeclared = declared >= 0;
            this.body = new byte[(int) (declared >= 0 ? declared : Math.min(limit, UNKNOWN_LENGTH_START))];
        }

        /**
         * Takes a body of declared length that the container already holds (it usually arrives with
         * the head): {@code available()} bytes are read without blocking, and the exchange goes on at
         * once instead of after a second dispatch to a read listener. Returns false when the body is
         * not all there yet, or the stream failed or ended early: the listener reads the rest, or
         * meets the same failure and reports it.
         */
        boolean readBuffered() {
            if (!lengthDeclared) {
                return false;
            }
            try {
                while (size < body.length) {
                    int buffered = in.available();
                    if (buffered <= 0) {
                        return false;
                    }
                    int n = in.read(body, size, Math.min(buffered, body.length - size));
                    if (n < 0) {
                        return false;
                    }
                    size += n;
                }
            } catch (IOException e) {
                return false;
            }
            onAllDataRead();
            return true;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!done && in.isReady()) {
                if (size == body.length && !makeRoom()) {
                    return;
                }
                int n = in.read(body, size, body.length - size);
                if (n < 0) {
                    return;
                }
                size += n;
            }
        }

        @Override
        public void onAllDataRead() {
            if (done) {
                return;
            }
            done = true;
            byte[] complete = size == body.length ? body : java.util.Arrays.copyOf(body, size);
            body = null;
            exchange.clientBody(complete);
            next.proceed();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            body = null;
            exchange.error("client_cancelled");
            next.fail(GatewayError.of(ErrorKind.INVALID_REQUEST, "The request body could not be read"));
        }

        /**
         * Grows a buffer of unknown final size. A full buffer of a declared length, or one at the
         * limit, must be the whole body: reads the end of the stream, or fails the exchange.
         */
        private boolean makeRoom() throws IOException {
            if (lengthDeclared || size >= limit) {
                if (in.read() < 0) {
                    return false;
                }
                done = true;
                body = null;
                next.fail(size >= limit ? tooLarge(limit)
                        : GatewayError.of(ErrorKind.INVALID_REQUEST, "The request body is longer than its Content-Length"));
                return false;
            }
            long wanted = Math.max((long) body.length * 2, UNKNOWN_LENGTH_START);
            body = java.util.Arrays.copyOf(body, (int) Math.min(limit, Math.min(wanted, Integer.MAX_VALUE - 16)));
            return true;
        }
    }
}
