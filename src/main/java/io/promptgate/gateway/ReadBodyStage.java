package io.promptgate.gateway;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * Reads the request body without blocking a thread, up to the configured limit. A declared
 * Content-Length over the limit is refused with 413 before a byte is read.
 */
public final class ReadBodyStage implements Stage {
    private static final int CHUNK = 16 * 1024;

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
        in.setReadListener(new BodyReader(exchange, next, in, limit, declared));
    }

    private static GatewayError tooLarge(long limit) {
        return GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "Request body is larger than the limit of " + limit + " bytes");
    }

    /** Collects the body as the container makes it available; hands on once it is complete. */
    private static final class BodyReader implements ReadListener {
        private final Exchange exchange;
        private final Next next;
        private final ServletInputStream in;
        private final long limit;
        private final byte[] chunk = new byte[CHUNK];
        private byte[] body;
        private int size;
        private boolean done;

        BodyReader(Exchange exchange, Next next, ServletInputStream in, long limit, long declared) {
            this.exchange = exchange;
            this.next = next;
            this.in = in;
            this.limit = limit;
            this.body = new byte[(int) Math.max(0, Math.min(declared, limit))];
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!done && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                if ((long) size + n > limit) {
                    done = true;
                    next.fail(tooLarge(limit));
                    return;
                }
                append(n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (done) {
                return;
            }
            done = true;
            exchange.clientBody(size == body.length ? body : java.util.Arrays.copyOf(body, size));
            next.proceed();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            exchange.error("client_cancelled");
            next.fail(GatewayError.of(ErrorKind.INVALID_REQUEST, "The request body could not be read"));
        }

        private void append(int n) {
            if (size + n > body.length) {
                body = java.util.Arrays.copyOf(body, (int) Math.min(limit, Math.max((long) body.length * 2, size + n)));
            }
            System.arraycopy(chunk, 0, body, size, n);
            size += n;
        }
    }
}
