package io.promptgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A fast mock LLM upstream on one thread (one NIO selector loop with its own timer queue).
 * Speaks the OpenAI chat completions and Anthropic messages wire formats, usage included:
 * <ul>
 *   <li>{@code POST …/chat/completions}: a ~1 KiB {@code chat.completion}, or with
 *       {@code "stream":true} an event stream of {@code chat.completion.chunk}s, a finish chunk,
 *       a usage chunk when {@code stream_options.include_usage} is asked for, then {@code [DONE]};</li>
 *   <li>{@code POST …/v1/messages}: a ~1 KiB {@code message}, or with {@code "stream":true} the
 *       Anthropic event sequence ({@code message_start} … {@code message_stop});</li>
 *   <li>{@code GET /__stats}: request counters as JSON (not counted themselves).</li>
 * </ul>
 * Timing per request from headers, defaults from the command line:
 * {@code x-mock-delay-ms} (D, before the response head), {@code x-mock-chunks} (K content
 * events) and {@code x-mock-gap-ms} (G between two content events). A stream's first event
 * goes out with the head (time slot 0), content event i at slot i (i·G later), and the closing
 * events right after the last content event. An event that went out late (the mock's one thread
 * shares its core with the load tools) pushes the next one back to at least 3G/4 after it, so the
 * mock never sends two events of a stream close together itself: a proxy that then sends them
 * together held one back. Every event is one HTTP chunk and one write.
 * Answers are deterministic (fixed ids and timestamps), so two paths can be compared byte for byte.
 *
 * <p>Usage: {@code MockUpstream --port N [--delay-ms D] [--chunks K] [--gap-ms G]}; binds 127.0.0.1 only.
 */
public final class MockUpstream {
    static final String MODEL = "mock-model-1";
    private static final byte[] CRLF2 = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final long defaultDelayMs;
    private final int defaultChunks;
    private final long defaultGapMs;
    private long timerSeq;

    // counters (loop thread only)
    private long requests;
    private long openaiRequests;
    private long anthropicRequests;
    private long streamRequests;
    private long activeStreams;
    private long maxActiveStreams;
    private long openConnections;
    private long maxOpenConnections;
    private long badRequests;
    private final Map<String, Long> models = new TreeMap<>();

    // prebuilt answers
    private final byte[] openaiJson;
    private final byte[] anthropicJson;
    private final byte[] openaiResponse;
    private final byte[] anthropicResponse;

    public static void main(String[] args) throws IOException {
        int port = 0;
        long delay = 0;
        int chunks = 20;
        long gap = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--delay-ms" -> delay = Long.parseLong(args[++i]);
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--gap-ms" -> gap = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MockUpstream mock = new MockUpstream(port, delay, chunks, gap);
        System.out.println("mock upstream listening on 127.0.0.1:" + mock.server.socket().getLocalPort());
        System.out.flush();
        mock.loop();
    }

    MockUpstream(int port, long delayMs, int chunks, long gapMs) throws IOException {
        this.defaultDelayMs = delayMs;
        this.defaultChunks = chunks;
        this.defaultGapMs = gapMs;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.openaiJson = ascii(WireFormats.openaiCompletion());
        this.anthropicJson = ascii(WireFormats.anthropicMessage());
        this.openaiResponse = concat(jsonHead(openaiJson.length, false), openaiJson);
        this.anthropicResponse = concat(jsonHead(anthropicJson.length, false), anthropicJson);
    }

    // ---- the loop --------------------------------------------------------------------------

    private void loop() throws IOException {
        while (true) {
            long now = System.nanoTime();
            runTimers(now);
            Timer next = timers.peek();
            if (next == null) {
                selector.select();
            } else {
                long waitNanos = next.due - System.nanoTime();
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                try {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                        continue;
                    }
                    Conn c = (Conn) key.attachment();
                    if (key.isWritable()) {
                        c.flush();
                    }
                    if (key.isValid() && key.isReadable()) {
                        c.read();
                    }
                } catch (IOException | RuntimeException e) {
                    Object a = key.attachment();
                    if (a instanceof Conn c) {
                        c.close();
                    }
                }
            }
        }
    }

    private void runTimers(long now) {
        Timer t;
        while ((t = timers.peek()) != null && t.due <= now) {
            timers.poll();
            if (t.conn.closed) {
                continue;
            }
            try {
                t.task.run();
            } catch (RuntimeException e) {
                t.conn.close();
            }
        }
    }

    private void schedule(Conn conn, long due, Runnable task) {
        timers.add(new Timer(due, timerSeq++, conn, task));
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            openConnections++;
            maxOpenConnections = Math.max(maxOpenConnections, openConnections);
        }
    }

    private record Timer(long due, long seq, Conn conn, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    // ---- one connection ----------------------------------------------------------------------

    private final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(2048);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean busy; // a response is being produced; later pipelined requests wait in `in`
        boolean closeAfter;
        boolean closed;
        boolean streaming;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        void read() throws IOException {
            while (true) {
                if (!in.hasRemaining()) {
                    if (in.capacity() >= MAX_HEAD + MAX_BODY) {
                        throw new IOException("request too large");
                    }
                    ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                    in.flip();
                    bigger.put(in);
                    in = bigger;
                }
                int n = ch.read(in);
                if (n < 0) {
                    close();
                    return;
                }
                if (n == 0) {
                    break;
                }
            }
            parse();
        }

        /** Handles every complete request in the buffer while no response is in progress. */
        void parse() {
            while (!busy && !closed) {
                byte[] a = in.array();
                int len = in.position();
                int headEnd = indexOf(a, 0, len, CRLF2);
                if (headEnd < 0) {
                    if (len > MAX_HEAD) {
                        badRequest();
                    }
                    return;
                }
                Request r = Request.parse(a, headEnd);
                if (r == null) {
                    badRequest();
                    return;
                }
                int bodyStart = headEnd + 4;
                if (r.chunked || r.contentLength > MAX_BODY) {
                    badRequest();
                    return;
                }
                if (len < bodyStart + r.contentLength) {
                    return; // wait for the rest of the body
                }
                r.scanBody(a, bodyStart, r.contentLength);
                // drop the request from the buffer
                int consumed = bodyStart + r.contentLength;
                System.arraycopy(a, consumed, a, 0, len - consumed);
                in.position(len - consumed);
                handle(r);
            }
        }

        void badRequest() {
            badRequests++;
            send(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            closeAfter = true;
            busy = true;
            endResponse();
        }

        void handle(Request r) {
            busy = true;
            closeAfter = r.close;
            if (r.method.equals("GET") && r.path.startsWith("/__stats")) {
                byte[] body = ascii(stats());
                send(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n"), body);
                endResponse();
                return;
            }
            boolean openai = r.path.endsWith("/chat/completions");
            boolean anthropic = r.path.endsWith("/v1/messages");
            if (!r.method.equals("POST") || !(openai || anthropic)) {
                byte[] body = ascii("{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
                send(ascii("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n"), body);
                endResponse();
                return;
            }
            requests++;
            if (openai) {
                openaiRequests++;
            } else {
                anthropicRequests++;
            }
            if (r.model != null) {
                models.merge(r.model, 1L, Long::sum);
            }
            long delay = r.delayMs >= 0 ? r.delayMs : defaultDelayMs;
            int chunks = r.chunks >= 0 ? r.chunks : defaultChunks;
            long gap = r.gapMs >= 0 ? r.gapMs : defaultGapMs;
            long start = System.nanoTime() + delay * 1_000_000L;
            if (r.stream) {
                streamRequests++;
                Stream s = new Stream(openai, chunks, gap * 1_000_000L, r.includeUsage, start);
                if (delay <= 0) {
                    s.step();
                } else {
                    schedule(this, start, s::step);
                }
            } else {
                byte[] body = openai ? openaiJson : anthropicJson;
                byte[] whole = openai ? openaiResponse : anthropicResponse;
                Runnable answer = () -> {
                    if (closeAfter) {
                        send(jsonHead(body.length, true), body);
                    } else {
                        send(whole);
                    }
                    endResponse();
                };
                if (delay <= 0) {
                    answer.run();
                } else {
                    schedule(this, start, answer);
                }
            }
        }

        /** One event stream: slot 0 = head + opening event(s), slot i = content event i, then the close. */
        private final class Stream {
            final boolean openai;
            final int chunks;
            final long gapNanos;
            final boolean includeUsage;
            final long start;
            int slot;
            /** When the previous event went out. */
            long sentAt;

            Stream(boolean openai, int chunks, long gapNanos, boolean includeUsage, long start) {
                this.openai = openai;
                this.chunks = chunks;
                this.gapNanos = gapNanos;
                this.includeUsage = includeUsage;
                this.start = start;
            }

            void step() {
                sentAt = System.nanoTime();
                if (slot == 0) {
                    streaming = true;
                    activeStreams++;
                    maxActiveStreams = Math.max(maxActiveStreams, activeStreams);
                    send(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                            + "X-Accel-Buffering: no\r\nTransfer-Encoding: chunked"
                            + (closeAfter ? "\r\nConnection: close" : "") + "\r\n\r\n"));
                    for (String e : openai ? WireFormats.openaiOpening() : WireFormats.anthropicOpening()) {
                        event(e);
                    }
                } else {
                    event(openai ? WireFormats.openaiContent(slot) : WireFormats.anthropicContent(slot));
                }
                if (slot >= chunks) {
                    for (String e : openai ? WireFormats.openaiClosing(chunks, includeUsage)
                            : WireFormats.anthropicClosing(chunks)) {
                        event(e);
                    }
                    send(ascii("0\r\n\r\n"));
                    streaming = false;
                    activeStreams--;
                    endResponse();
                    return;
                }
                slot++;
                schedule(Conn.this, Math.max(start + slot * gapNanos, sentAt + gapNanos - gapNanos / 4), this::step);
            }

            private void event(String text) {
                byte[] e = text.getBytes(StandardCharsets.UTF_8);
                send(ascii(Integer.toHexString(e.length) + "\r\n"), e, ascii("\r\n"));
            }
        }

        void endResponse() {
            busy = false;
            if (closeAfter) {
                closeWhenFlushed();
                return;
            }
            if (in.position() > 0) {
                parse();
            }
        }

        private boolean closeWhenFlushed;

        void closeWhenFlushed() {
            if (out.isEmpty()) {
                close();
            } else {
                closeWhenFlushed = true;
            }
        }

        /** Gathers the parts into one write (one TCP segment for small events). */
        void send(byte[]... parts) {
            if (closed) {
                return;
            }
            if (parts.length == 1 && out.isEmpty()) {
                ByteBuffer b = ByteBuffer.wrap(parts[0]);
                try {
                    ch.write(b);
                } catch (IOException e) {
                    close();
                    return;
                }
                if (b.hasRemaining()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    out.add(ByteBuffer.wrap(parts[0], b.position(), b.remaining()).slice());
                }
                return;
            }
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            ByteBuffer b = ByteBuffer.allocate(n);
            for (byte[] p : parts) {
                b.put(p);
            }
            b.flip();
            if (out.isEmpty()) {
                try {
                    ch.write(b);
                } catch (IOException e) {
                    close();
                    return;
                }
                if (!b.hasRemaining()) {
                    return;
                }
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
            out.add(b);
        }

        void flush() throws IOException {
            ByteBuffer b;
            while ((b = out.peek()) != null) {
                ch.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                out.poll();
            }
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            if (closeWhenFlushed) {
                close();
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            openConnections--;
            if (streaming) {
                streaming = false;
                activeStreams--;
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private String stats() {
        StringBuilder m = new StringBuilder("{");
        models.forEach((k, v) -> m.append(m.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        m.append('}');
        return "{\"requests\":" + requests + ",\"openai\":" + openaiRequests + ",\"anthropic\":" + anthropicRequests
                + ",\"streams\":" + streamRequests + ",\"activeStreams\":" + activeStreams
                + ",\"maxActiveStreams\":" + maxActiveStreams + ",\"openConnections\":" + openConnections
                + ",\"maxOpenConnections\":" + maxOpenConnections + ",\"badRequests\":" + badRequests
                + ",\"models\":" + m + "}";
    }

    // ---- request parsing ---------------------------------------------------------------------

    /** The parts of a request the mock needs. */
    static final class Request {
        String method;
        String path;
        int contentLength;
        boolean chunked;
        boolean close;
        long delayMs = -1;
        int chunks = -1;
        long gapMs = -1;
        boolean stream;
        boolean includeUsage;
        String model;

        static Request parse(byte[] a, int headEnd) {
            String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
            int lineEnd = head.indexOf("\r\n");
            String line = lineEnd < 0 ? head : head.substring(0, lineEnd);
            int sp1 = line.indexOf(' ');
            int sp2 = line.indexOf(' ', sp1 + 1);
            if (sp1 <= 0 || sp2 <= sp1) {
                return null;
            }
            Request r = new Request();
            r.method = line.substring(0, sp1);
            r.path = line.substring(sp1 + 1, sp2);
            boolean http10 = line.endsWith("HTTP/1.0");
            r.close = http10;
            int pos = lineEnd < 0 ? head.length() : lineEnd + 2;
            while (pos < head.length()) {
                int end = head.indexOf("\r\n", pos);
                if (end < 0) {
                    end = head.length();
                }
                int colon = head.indexOf(':', pos);
                if (colon > pos && colon < end) {
                    String name = head.substring(pos, colon).trim().toLowerCase();
                    String value = head.substring(colon + 1, end).trim();
                    try {
                        switch (name) {
                            case "content-length" -> r.contentLength = Integer.parseInt(value);
                            case "transfer-encoding" -> r.chunked = value.toLowerCase().contains("chunked");
                            case "connection" -> {
                                String v = value.toLowerCase();
                                if (v.contains("close")) {
                                    r.close = true;
                                } else if (v.contains("keep-alive")) {
                                    r.close = false;
                                }
                            }
                            case "x-mock-delay-ms" -> r.delayMs = Long.parseLong(value);
                            case "x-mock-chunks" -> r.chunks = Integer.parseInt(value);
                            case "x-mock-gap-ms" -> r.gapMs = Long.parseLong(value);
                            default -> {
                            }
                        }
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                pos = end + 2;
            }
            return r;
        }

        /** Finds "stream":true, "include_usage":true and the model without a JSON parser. */
        void scanBody(byte[] a, int from, int len) {
            int end = from + len;
            stream = trueAfter(a, from, end, "\"stream\"");
            includeUsage = trueAfter(a, from, end, "\"include_usage\"");
            int m = indexOf(a, from, end, ascii("\"model\""));
            if (m >= 0) {
                int i = m + 7;
                while (i < end && (a[i] == ' ' || a[i] == ':')) {
                    i++;
                }
                if (i < end && a[i] == '"') {
                    int close = i + 1;
                    while (close < end && a[close] != '"') {
                        close++;
                    }
                    if (close < end && close - i - 1 <= 128) {
                        model = new String(a, i + 1, close - i - 1, StandardCharsets.UTF_8);
                    }
                }
            }
        }

        private static boolean trueAfter(byte[] a, int from, int end, String name) {
            int at = indexOf(a, from, end, ascii(name));
            if (at < 0) {
                return false;
            }
            int i = at + name.length();
            while (i < end && (a[i] == ' ' || a[i] == ':' || a[i] == '\n' || a[i] == '\r' || a[i] == '\t')) {
                i++;
            }
            return i + 4 <= end && a[i] == 't' && a[i + 1] == 'r' && a[i + 2] == 'u' && a[i + 3] == 'e';
        }
    }

    static int indexOf(byte[] a, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] jsonHead(int length, boolean close) {
        return ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length
                + (close ? "\r\nConnection: close" : "") + "\r\n\r\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
