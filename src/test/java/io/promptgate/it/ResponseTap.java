package io.promptgate.it;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps a copy of every response a test received: status, headers and the body bytes exactly as
 * the client read them (streams included). Hooks into the official SDKs (an OkHttp application
 * interceptor for openai-java, an SDK interceptor for anthropic-java) and takes JDK client
 * responses by hand, so that a test can assert that no secret ever reached a client.
 */
final class ResponseTap {

    /** One response: where it came from, its status, its headers and the body bytes read so far. */
    static final class Captured {
        private final String source;
        private final int status;
        private final Map<String, List<String>> headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private Captured(String source, int status, Map<String, List<String>> headers) {
            this.source = source;
            this.status = status;
            this.headers = headers;
        }

        String source() {
            return source;
        }

        int status() {
            return status;
        }

        String headersText() {
            StringBuilder text = new StringBuilder();
            headers.forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
            return text.toString();
        }

        String bodyText() {
            synchronized (body) {
                return body.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public String toString() {
            return source + " " + status;
        }
    }

    private final List<Captured> captured = new ArrayList<>();

    /** Every response taken so far, in arrival order. */
    synchronized List<Captured> responses() {
        return List.copyOf(captured);
    }

    private synchronized Captured open(String source, int status, Map<String, List<String>> headers) {
        Captured c = new Captured(source, status, headers);
        captured.add(c);
        return c;
    }

    /** A response of the JDK client whose body was read as a string. */
    void add(String source, java.net.http.HttpResponse<String> response) {
        Captured c = open(source, response.statusCode(), response.headers().map());
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        synchronized (c.body) {
            c.body.write(bytes, 0, bytes.length);
        }
    }

    // ---- openai-java: OkHttp application interceptor (sees the decoded body) -----------------

    okhttp3.Interceptor okHttpInterceptor() {
        return chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            Captured c = open("openai-java " + chain.request().method() + " " + chain.request().url().encodedPath(),
                    response.code(), response.headers().toMultimap());
            okhttp3.ResponseBody body = response.body();
            if (body == null) {
                return response;
            }
            okio.Source tee = new okio.ForwardingSource(body.source()) {
                @Override
                public long read(okio.Buffer sink, long byteCount) throws IOException {
                    long read = super.read(sink, byteCount);
                    if (read > 0) {
                        synchronized (c.body) {
                            sink.copyTo(c.body, sink.size() - read, read);
                        }
                    }
                    return read;
                }
            };
            return response.newBuilder()
                    .body(okhttp3.ResponseBody.create(okio.Okio.buffer(tee), body.contentType(), body.contentLength()))
                    .build();
        };
    }

    // ---- anthropic-java: the SDK's own HTTP client decorator ------------------------------

    com.anthropic.core.http.Interceptor anthropicInterceptor() {
        return delegate -> new com.anthropic.core.http.HttpClient() {
            @Override
            public com.anthropic.core.http.HttpResponse execute(com.anthropic.core.http.HttpRequest request,
                                                                com.anthropic.core.RequestOptions options) {
                return tapped("anthropic-java " + request.method() + " " + String.join("/", request.pathSegments()),
                        delegate.execute(request, options));
            }

            @Override
            public CompletableFuture<com.anthropic.core.http.HttpResponse> executeAsync(
                    com.anthropic.core.http.HttpRequest request, com.anthropic.core.RequestOptions options) {
                String source = "anthropic-java " + request.method() + " " + String.join("/", request.pathSegments());
                return delegate.executeAsync(request, options).thenApply(r -> tapped(source, r));
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    private com.anthropic.core.http.HttpResponse tapped(String source, com.anthropic.core.http.HttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name, response.headers().values(name));
        }
        Captured c = open(source, response.statusCode(), headers);
        return new com.anthropic.core.http.HttpResponse() {
            private InputStream body;

            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public com.anthropic.core.http.Headers headers() {
                return response.headers();
            }

            @Override
            public synchronized InputStream body() {
                if (body == null) {
                    body = new TeeInputStream(response.body(), c.body);
                }
                return body;
            }

            @Override
            public void close() {
                response.close();
            }
        };
    }

    /** Copies every byte read from {@code in} into {@code copy}. */
    private static final class TeeInputStream extends FilterInputStream {
        private final ByteArrayOutputStream copy;

        TeeInputStream(InputStream in, ByteArrayOutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                synchronized (copy) {
                    copy.write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                synchronized (copy) {
                    copy.write(buffer, offset, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read through the tee so that skipped bytes are captured too
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
