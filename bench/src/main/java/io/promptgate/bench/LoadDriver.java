package io.promptgate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.HdrHistogram.Histogram;

/**
 * Open-loop (constant arrival rate) HTTP/1.1 load driver for latency and event-stream timing.
 * Every request has an intended send time fixed in advance (start + i / rate); latencies are
 * measured from that time, not from when the request actually left, so a slow server cannot
 * hide its queueing (no coordinated omission). Keep-alive connections are reused; when none is
 * idle a new one is opened, up to --max-connections (beyond that a request counts as overflow).
 *
 * <p>Two threads: a sender that sleeps until each intended time and writes the request, and a
 * receiver (one selector) that parses responses (Content-Length or chunked) and, for event
 * streams, time-stamps every SSE event. The mock upstream sends a stream in K+1 time slots G ms
 * apart: slot 0 holds the first {@code --opening-events} events, slot i the i-th content event
 * (the closing events follow slot K at once). Time to first byte = first event − intended send
 * time; chunk delay of slot i = its arrival − (slot 0's arrival + i·G); a slot whose first event
 * arrives in the same read as the previous slot's counts as coalesced (two writes the upstream
 * made G ms apart reached the client as one).
 *
 * <p>Modes: {@code --mode rate --rate R --duration-s S} and {@code --mode streams --streams N
 * --ramp-s S} (one connection per stream, opened evenly over the ramp; prints {@code PLATEAU}
 * once all N streams are open and have their first event). Results as key=value lines.
 */
public final class LoadDriver {
    private final URI url;
    private final InetSocketAddress address;
    private final byte[] request;
    private final boolean sse;
    private final long gapNanos;
    private final int chunks;
    private final int openingEvents;
    private final Selector selector;
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong connectErrors = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private volatile boolean senderDone;
    /** Set when the receiver gives up (deadline): the sender stops at once. */
    private volatile boolean stopSending;
    private volatile boolean plateauPrinted;
    private final PrintStream out = System.out;

    // receiver-thread state
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
    private final Histogram ttfb = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
    private final Histogram chunkDelay = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
    private final Map<Long, Long> bodies = new HashMap<>();
    private final Map<Integer, Long> statuses = new HashMap<>();
    private long completed;
    private long ok;
    private long ioErrors;
    private long coalesced;
    /** Wall-clock times (epoch ms) of the first merged reads, to set beside the gateway's own logs. */
    private final List<Long> coalescedAtMillis = new ArrayList<>();
    private static final int MAX_COALESCED_TIMES = 200;
    private long minEvents = Long.MAX_VALUE;
    private long maxEvents;
    private int held;
    private int maxHeld;

    private LoadDriver(URI url, List<String> headers, byte[] body, boolean sse, long gapMs, int chunks,
                       int openingEvents) throws IOException {
        this.url = url;
        this.address = new InetSocketAddress(url.getHost(), url.getPort());
        this.sse = sse;
        this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMs);
        this.chunks = chunks;
        this.openingEvents = openingEvents;
        StringBuilder head = new StringBuilder()
                .append("POST ").append(url.getRawPath()).append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ").append(url.getHost()).append(':').append(url.getPort())
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        if (sse) {
            head.append("Accept: text/event-stream\r\n");
        }
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        String mode = "rate";
        String url = null;
        List<String> headers = new ArrayList<>();
        String bodyFile = null;
        double rate = 100;
        double durationS = 10;
        int connections = 16;
        int maxConnections = 4096;
        int streams = 100;
        double rampS = 10;
        boolean sse = false;
        long gapMs = 10;
        int chunks = 20;
        int openingEvents = 1;
        double deadlineS = 120;
        double drainS = 10;
        double warmupS = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--url" -> url = args[++i];
                case "--header" -> headers.add(args[++i]);
                case "--body-file" -> bodyFile = args[++i];
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--duration-s" -> durationS = Double.parseDouble(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--max-connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--ramp-s" -> rampS = Double.parseDouble(args[++i]);
                case "--sse" -> sse = true;
                case "--gap-ms" -> gapMs = Long.parseLong(args[++i]);
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--opening-events" -> openingEvents = Integer.parseInt(args[++i]);
                case "--deadline-s" -> deadlineS = Double.parseDouble(args[++i]);
                case "--drain-s" -> drainS = Double.parseDouble(args[++i]);
                case "--warmup-s" -> warmupS = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || bodyFile == null) {
            throw new IllegalArgumentException("--url and --body-file are required");
        }
        URI target = URI.create(url);
        if (!target.getHost().startsWith("127.") && !target.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback targets only: " + target.getHost());
        }
        LoadDriver d = new LoadDriver(target, headers, Files.readAllBytes(Path.of(bodyFile)), sse, gapMs, chunks,
                openingEvents);
        long deadline = System.nanoTime() + (long) (deadlineS * 1e9);
        if (mode.equals("rate")) {
            d.runRate(rate, durationS, warmupS, connections, maxConnections, deadline, drainS);
        } else if (mode.equals("streams")) {
            d.runStreams(streams, rampS, deadline);
        } else {
            throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.exit(0); // a sender still waiting on a connect must not keep the JVM alive
    }

    // ---- modes ---------------------------------------------------------------------------------

    private void runRate(double rate, double durationS, double warmupS, int connections, int maxConnections,
                         long deadline, double drainS) throws Exception {
        for (int i = 0; i < connections; i++) {
            Conn c = open();
            if (c != null) {
                idle.push(c);
            }
        }
        long total = Math.round(rate * (warmupS + durationS));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        this.measureFrom = start + (long) (warmupS * 1e9);
        Thread sender = new Thread(() -> {
            for (long i = 0; i < total; i++) {
                long t = start + (long) (i * interval);
                sleepUntil(t);
                if (stopSending || System.nanoTime() > deadline) {
                    break;
                }
                Conn c = idle.pollFirst();
                if (c == null) {
                    if (openConnections.get() >= maxConnections) {
                        overflow.incrementAndGet();
                        continue;
                    }
                    c = open();
                    if (c == null) {
                        continue;
                    }
                }
                c.send(t);
            }
            senderDone = true;
            selector.wakeup();
        }, "sender");
        sender.setDaemon(true);
        sender.start();
        receive(deadline, drainS, start);
        stopSending = true;
        sender.join(TimeUnit.SECONDS.toMillis(5));
        report("rate", (System.nanoTime() - start) / 1e9, durationS);
    }

    private void runStreams(int streams, double rampS, long deadline) throws Exception {
        double interval = rampS * 1e9 / streams;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        Thread sender = new Thread(() -> {
            for (int i = 0; i < streams; i++) {
                long t = start + (long) (i * interval);
                sleepUntil(t);
                if (stopSending || System.nanoTime() > deadline) {
                    break;
                }
                Conn c = open();
                if (c != null) {
                    c.oneShot = true;
                    c.send(t);
                }
            }
            senderDone = true;
            selector.wakeup();
        }, "sender");
        sender.setDaemon(true);
        sender.start();
        this.plateauTarget = streams;
        receive(deadline, 1e6, start);
        stopSending = true;
        sender.join(TimeUnit.SECONDS.toMillis(5));
        report("streams", (System.nanoTime() - start) / 1e9, rampS);
    }

    private int plateauTarget = -1;
    private int nextMilestone = 1;
    /** Requests intended before this time are sent and counted but not timed (warm-up). */
    private long measureFrom = Long.MIN_VALUE;
    private long warmupRequests;

    private static void sleepUntil(long t) {
        long d;
        while ((d = t - System.nanoTime()) > 0) {
            LockSupport.parkNanos(d);
        }
    }

    private Conn open() {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                // bounded: an overloaded server's full accept queue must not stall the sender
                ch.socket().connect(address, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            ch.configureBlocking(false);
            Conn c = new Conn(ch);
            openConnections.incrementAndGet();
            connectionsOpened.incrementAndGet();
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            selector.wakeup();
            return c;
        } catch (IOException e) {
            connectErrors.incrementAndGet();
            return null;
        }
    }

    // ---- the receiver -------------------------------------------------------------------------

    private void receive(long deadline, double drainS, long start) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        byte[] arr = new byte[256 * 1024];
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (senderDone) {
                if (inFlight.get() == 0) {
                    break;
                }
                if (drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = now + (long) (drainS * 1e9);
                }
            }
            if (now > deadline || now > drainDeadline) {
                break;
            }
            selector.select(50);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn c = (Conn) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                try {
                    while (true) {
                        buf.clear();
                        int n = c.ch.read(buf);
                        long t = System.nanoTime();
                        if (n < 0) {
                            c.closedByPeer(t);
                            break;
                        }
                        if (n == 0) {
                            break;
                        }
                        buf.flip();
                        buf.get(arr, 0, n);
                        c.onBytes(arr, 0, n, t);
                        if (c.closed) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    c.failed();
                }
            }
            // milestones for whoever measures the server meanwhile: HELD at each quarter, PLATEAU at all
            while (plateauTarget > 0 && nextMilestone <= 4 && held >= (long) plateauTarget * nextMilestone / 4) {
                double after = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "HELD quarter=%d held=%d after_s=%.1f%n", nextMilestone, held, after);
                if (nextMilestone == 4) {
                    plateauPrinted = true;
                    out.printf(Locale.ROOT, "PLATEAU held=%d after_s=%.1f%n", held, after);
                }
                out.flush();
                nextMilestone++;
            }
        }
    }

    private final class Conn implements ResponseFraming.Handler {
        final SocketChannel ch;
        SelectionKey key;
        volatile long intended;
        boolean oneShot;
        boolean closed;
        volatile boolean busy;

        // response parsing (receiver thread)
        final ResponseFraming framing = new ResponseFraming(this, sse);
        long readAt;
        int status;
        boolean closeAfter;
        final CRC32C crc = new CRC32C();
        long events;
        long reads;
        long lastSlot = -1;
        long lastSlotRead = -1;
        long firstEventAt;
        boolean counted;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }

        /** Sender thread: writes the whole request (it fits the socket buffer; a short write spins). */
        void send(long intendedNanos) {
            intended = intendedNanos;
            busy = true;
            inFlight.incrementAndGet();
            sent.incrementAndGet();
            ByteBuffer b = ByteBuffer.wrap(request);
            try {
                while (b.hasRemaining()) {
                    if (ch.write(b) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                // the receiver sees the broken connection and counts the request as failed
                selector.wakeup();
            }
        }

        void onBytes(byte[] a, int off, int len, long now) {
            reads++;
            readAt = now;
            framing.feed(a, off, len);
        }

        @Override
        public void onHead(String h) {
            String[] lines = h.split("\r\n");
            status = Integer.parseInt(lines[0].split(" ")[1]);
            closeAfter = lines[0].startsWith("HTTP/1.0");
            for (int k = 1; k < lines.length; k++) {
                int colon = lines[k].indexOf(':');
                if (colon > 0 && lines[k].substring(0, colon).trim().equalsIgnoreCase("connection")) {
                    String value = lines[k].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    closeAfter = value.contains("close") || (closeAfter && !value.contains("keep-alive"));
                }
            }
            crc.reset();
            events = 0;
            lastSlot = -1;
            lastSlotRead = -1;
        }

        @Override
        public void onBody(byte[] a, int from, int to) {
            crc.update(a, from, to - from);
        }

        @Override
        public void onEvent() {
            event(readAt);
        }

        @Override
        public boolean onEnd() {
            done(readAt);
            return !closed;
        }

        /** An SSE event ended at {@code now}, in read number {@code reads} of this connection. */
        private void event(long now) {
            events++;
            long slot = slotOf(events, openingEvents, chunks);
            if (slot == lastSlot) {
                return; // the rest of a slot (Anthropic's opening pair, the closing events)
            }
            if (slot == 0) {
                firstEventAt = now;
                if (intended >= measureFrom) {
                    ttfb.recordValue(Math.max(0, (now - intended) / 1000));
                }
                if (!counted) {
                    counted = true;
                    held++;
                    maxHeld = Math.max(maxHeld, held);
                }
            } else {
                if (reads == lastSlotRead) {
                    coalesced++; // sent G ms apart by the upstream, arrived in one read
                    if (coalescedAtMillis.size() < MAX_COALESCED_TIMES) {
                        coalescedAtMillis.add(System.currentTimeMillis());
                    }
                }
                long late = now - (firstEventAt + slot * gapNanos);
                if (intended >= measureFrom) {
                    chunkDelay.recordValue(Math.max(0, late / 1000));
                }
            }
            lastSlot = slot;
            lastSlotRead = reads;
        }

        private void done(long now) {
            completed++;
            statuses.merge(status, 1L, Long::sum);
            if (intended >= measureFrom) {
                latency.recordValue(Math.max(0, (now - intended) / 1000));
            } else {
                warmupRequests++;
            }
            if (status == 200) {
                ok++;
            }
            if (sse && status == 200) {
                minEvents = Math.min(minEvents, events);
                maxEvents = Math.max(maxEvents, events);
            }
            bodies.merge(crc.getValue(), 1L, Long::sum);
            endRequest();
            if (closeAfter || oneShot) {
                close();
            } else {
                busy = false;
                idle.push(this);
            }
        }

        private void endRequest() {
            if (counted) {
                counted = false;
                held--;
            }
            inFlight.decrementAndGet();
        }

        void closedByPeer(long now) {
            if (framing.untilClose()) {
                done(now);
                return;
            }
            failed();
        }

        void failed() {
            if (busy && !closed) {
                ioErrors++;
                endRequest();
            }
            busy = false;
            idle.remove(this);
            close();
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            openConnections.decrementAndGet();
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ---- results -------------------------------------------------------------------------------

    private void report(String mode, double elapsedS, double plannedS) {
        long unfinished = inFlight.get();
        long errors = ioErrors + connectErrors.get() + unfinished + overflow.get() + (completed - ok);
        StringBuilder s = new StringBuilder();
        kv(s, "mode", mode);
        kv(s, "url", url.toString());
        kv(s, "sent", sent.get());
        kv(s, "completed", completed);
        kv(s, "ok", ok);
        kv(s, "non200", completed - ok);
        kv(s, "statuses", statuses.toString().replace(" ", ""));
        kv(s, "io_errors", ioErrors);
        kv(s, "connect_errors", connectErrors.get());
        kv(s, "unfinished", unfinished);
        kv(s, "overflow", overflow.get());
        kv(s, "errors", errors);
        kv(s, "elapsed_s", String.format(Locale.ROOT, "%.2f", elapsedS));
        kv(s, "rate", String.format(Locale.ROOT, "%.1f", (completed - warmupRequests) / plannedS));
        kv(s, "warmup_requests", warmupRequests);
        kv(s, "connections_opened", connectionsOpened.get());
        hist(s, "lat", latency);
        if (sse) {
            hist(s, "ttfb", ttfb);
            hist(s, "chunk_delay", chunkDelay);
            kv(s, "coalesced", coalesced);
            kv(s, "coalesced_at_ms", coalescedAtMillis.isEmpty() ? "-"
                    : String.join(",", coalescedAtMillis.stream().map(String::valueOf).toList()));
            kv(s, "events_min", minEvents == Long.MAX_VALUE ? 0 : minEvents);
            kv(s, "events_max", maxEvents);
            kv(s, "max_held", maxHeld);
        }
        long topCount = -1;
        long topCrc = 0;
        for (Map.Entry<Long, Long> e : bodies.entrySet()) {
            if (e.getValue() > topCount) {
                topCount = e.getValue();
                topCrc = e.getKey();
            }
        }
        kv(s, "body_crc", Long.toHexString(topCrc));
        kv(s, "distinct_bodies", bodies.size());
        out.print(s);
        out.flush();
    }

    private static void hist(StringBuilder s, String name, Histogram h) {
        kv(s, name + "_count", h.getTotalCount());
        kv(s, name + "_p50_ms", ms(h.getValueAtPercentile(50)));
        kv(s, name + "_p99_ms", ms(h.getValueAtPercentile(99)));
        kv(s, name + "_p999_ms", ms(h.getValueAtPercentile(99.9)));
        kv(s, name + "_max_ms", ms(h.getMaxValue()));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    /**
     * The time slot of a response's n-th SSE event (from 1): slot 0 holds the opening events, slot i
     * the i-th content event, slot {@code chunks} also the closing events (shared with {@link WireMerges}).
     */
    static int slotOf(long event, int openingEvents, int chunks) {
        return (int) (event <= openingEvents ? 0 : Math.min(event - openingEvents, chunks));
    }

    /** One {@code key=value} line of the results (shared with {@link WireMerges}). */
    static void kv(StringBuilder s, String k, Object v) {
        s.append(k).append('=').append(v).append('\n');
    }
}
