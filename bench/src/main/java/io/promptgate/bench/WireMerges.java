package io.promptgate.bench;

import static io.promptgate.bench.LoadDriver.kv;
import static io.promptgate.bench.LoadDriver.slotOf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a packet capture of loopback traffic ({@code tcpdump -w}) and tells which side merged SSE
 * events: a proxy that holds an event back (a stall, a buffer) sends it together with the next,
 * although its upstream sent them G ms apart. The load driver counts merges as the client's reads
 * see them, which also include a client that read late itself.
 *
 * <p>Slots as in {@link LoadDriver}: slot 0 holds the first {@code --opening-events} events of a
 * response, slot i its i-th content event, the closing events belong to slot K. A slot left its
 * sender "merged" when it went out in the same TCP segment as the previous slot or less than G/10
 * after it (a client reading promptly would still get the two in one read; a slot merely late is
 * the chunk delay's business). With {@code --upstream-port}, each response the proxy sent (from
 * {@code --port}) is matched to the upstream response it relayed (the one from the upstream port
 * that began last before it, within 10 ms), and a merge counts against the proxy only where the
 * proxy held the previous slot back at least G/4 longer than the merged one; merges that follow
 * the upstream's own timing (its slots already close together) are counted apart, as passed on.
 * HTTP/1.1 responses with Content-Length, chunked or close-delimited bodies; retransmitted bytes
 * are skipped; bytes the capture missed end the parsing of their connection and are counted as
 * gaps. With {@code --stalls} (the output of {@code core_stalls}, run on the proxy's core), a merge
 * is also counted as behind a stall when the core could not run anything for at least G/2 between
 * the previous slot's arrival from the upstream (without one: G before the merge) and the merge.
 * With {@code --busy-stalls} (the same probe as an ordinary thread at the proxy's priority), a
 * merge not behind a stall of the core is counted as behind a busy core when such a thread could
 * not run for G/2 then: the core was busy with other threads (the proxy's own among them).
 * Prints key=value lines; with {@code --explain}, each counted merge's send times (the two slots
 * on the proxy's side and, relayed, on the upstream's) on standard error.
 */
public final class WireMerges {
    private static final int MAX_MERGE_TIMES = 50;
    private static final long MATCH_WINDOW_MICROS = 10_000;

    private final int openingEvents;
    private final int chunks;
    private final long closeMicros;
    private final long holdMicros;
    private final long halfGapMicros;
    private final Side out;
    private final Side upstream;
    private CoreStalls stalls;
    private CoreStalls busyStalls;
    private boolean explain;
    private long gaps;

    private WireMerges(int port, int upstreamPort, int openingEvents, int chunks, long gapMs) {
        this.openingEvents = openingEvents;
        this.chunks = chunks;
        this.closeMicros = gapMs * 1000 / 10;
        this.holdMicros = gapMs * 1000 / 4;
        this.halfGapMicros = gapMs * 1000 / 2;
        this.out = new Side(port);
        this.upstream = upstreamPort < 0 ? null : new Side(upstreamPort);
    }

    public static void main(String[] args) throws IOException {
        Path pcap = null;
        Path stalls = null;
        Path busyStalls = null;
        boolean explainMerges = false;
        int port = -1;
        int upstreamPort = -1;
        int opening = 1;
        int chunks = 20;
        long gapMs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pcap" -> pcap = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--upstream-port" -> upstreamPort = Integer.parseInt(args[++i]);
                case "--opening-events" -> opening = Integer.parseInt(args[++i]);
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--gap-ms" -> gapMs = Long.parseLong(args[++i]);
                case "--stalls" -> stalls = Path.of(args[++i]);
                case "--busy-stalls" -> busyStalls = Path.of(args[++i]);
                case "--explain" -> explainMerges = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (pcap == null || port < 0) {
            throw new IllegalArgumentException("usage: WireMerges --pcap FILE --port SOURCE_PORT [--upstream-port PORT]"
                    + " [--opening-events N] [--chunks K] [--gap-ms G] [--stalls FILE] [--busy-stalls FILE] [--explain]");
        }
        WireMerges w = new WireMerges(port, upstreamPort, opening, chunks, gapMs);
        if (stalls != null) {
            w.stalls = CoreStalls.read(stalls);
        }
        if (busyStalls != null) {
            w.busyStalls = CoreStalls.read(busyStalls);
        }
        w.explain = explainMerges;
        try (InputStream in = Files.newInputStream(pcap)) {
            w.read(in);
        }
        System.out.print(w.report());
    }

    String report() {
        StringBuilder s = new StringBuilder();
        kv(s, "responses", out.slotTimes.size());
        kv(s, "events", out.events);
        kv(s, "segments", out.segments);
        kv(s, "gaps", gaps);
        kv(s, "max_slots_in_segment", out.maxSlotsInSegment);
        List<Long> mergedAt = new ArrayList<>();
        MergeCauses causes = new MergeCauses();
        if (upstream == null) {
            kv(s, "merged", countMerges(out.slotTimes, null, mergedAt, causes));
        } else {
            List<long[]> relayed = matchUpstream();
            long matched = relayed.stream().filter(r -> r != null).count();
            kv(s, "upstream_responses", upstream.slotTimes.size());
            kv(s, "matched", matched);
            kv(s, "unmatched", out.slotTimes.size() - matched);
            kv(s, "upstream_merged", countMerges(upstream.slotTimes, null, new ArrayList<>(), new MergeCauses()));
            kv(s, "merged", countMerges(out.slotTimes, relayed, mergedAt, causes));
            kv(s, "merged_passed_on", countPassedOn(relayed));
            kv(s, "merged_upstream_close", causes.upstreamClose);
        }
        if (stalls != null) {
            kv(s, "merged_in_stall", causes.inStall);
        }
        if (busyStalls != null) {
            kv(s, "merged_in_busy", causes.inBusy);
        }
        kv(s, "merged_at_ms", mergedAt.isEmpty() ? "-" : String.join(",", mergedAt.stream().map(String::valueOf).toList()));
        return s.toString();
    }

    /** A slot sent less than G/10 after the previous one (a slot in the same segment is stored 1 µs after it). */
    private boolean close(long[] times, int slot) {
        return times[slot] >= 0 && times[slot - 1] >= 0 && times[slot] - times[slot - 1] < closeMicros;
    }

    /**
     * Whether the proxy itself merged slot {@code k} into the previous one: it sent them less than
     * G/10 apart and held the previous slot back at least G/4 longer than this one (its relay delay,
     * send time minus the upstream's, both on the capture's clock). Without that hold the merge is
     * the upstream's timing, passed on.
     */
    private boolean heldBack(long[] times, long[] source, int k) {
        if (!close(times, k)) {
            return false;
        }
        if (source == null || source[k] < 0 || source[k - 1] < 0) {
            return true; // no upstream response to compare with: counted against the proxy
        }
        long heldPrevious = times[k - 1] - source[k - 1];
        long heldThis = times[k] - source[k];
        return heldPrevious - heldThis >= holdMicros;
    }

    /**
     * Slots sent less than G/10 after the previous one; with {@code relayed}, only those the proxy
     * held back; {@code causes} tells what lay behind them.
     */
    private long countMerges(List<long[]> responses, List<long[]> relayed, List<Long> mergedAt, MergeCauses causes) {
        long n = 0;
        for (int r = 0; r < responses.size(); r++) {
            long[] times = responses.get(r);
            long[] source = relayed == null ? null : relayed.get(r);
            for (int k = 1; k < times.length; k++) {
                if (relayed == null ? close(times, k) : heldBack(times, source, k)) {
                    n++;
                    if (explain) {
                        System.err.println(explanation(times, source, k));
                    }
                    if (behindStall(stalls, times, source, k)) {
                        causes.inStall++;
                    } else if (behindStall(busyStalls, times, source, k)) {
                        causes.inBusy++;
                    }
                    if (source != null && source[k] >= 0 && source[k - 1] >= 0 && source[k] - source[k - 1] < halfGapMicros) {
                        causes.upstreamClose++;
                    }
                    if (mergedAt.size() < MAX_MERGE_TIMES) {
                        mergedAt.add(times[k] / 1000);
                    }
                }
            }
        }
        return n;
    }

    /** What lay behind the merges counted against a proxy. */
    private static final class MergeCauses {
        long inStall;       // a stall of the whole core (the real-time probe could not run either)
        long inBusy;        // not that, but an ordinary thread at the proxy's priority waited ≥ G/2
        long upstreamClose; // either way, the upstream had sent the two slots under G/2 apart: it began the merge
    }

    /** One merge, for --explain: the two slots' send times (µs since the epoch) and, relayed, the upstream's. */
    private static String explanation(long[] times, long[] source, int k) {
        String line = "merge slot " + k + ": sent " + times[k - 1] + " " + times[k];
        if (source != null) {
            line += ", upstream sent " + source[k - 1] + " " + source[k] + ", started " + times[0] + " / " + source[0];
        }
        return line;
    }

    /** Whether one of {@code seen} of at least G/2 lay between the previous slot's arrival (or G before) and slot k. */
    private boolean behindStall(CoreStalls seen, long[] times, long[] source, int k) {
        if (seen == null) {
            return false;
        }
        long from = source != null && source[k - 1] >= 0 ? source[k - 1] : times[k] - 2 * halfGapMicros;
        return seen.overlaps(from, times[k], halfGapMicros);
    }

    /** Slots the proxy sent less than G/10 after the previous one without holding it back: the upstream's timing. */
    private long countPassedOn(List<long[]> relayed) {
        long n = 0;
        for (int r = 0; r < relayed.size(); r++) {
            long[] times = out.slotTimes.get(r);
            for (int k = 1; k < times.length; k++) {
                if (close(times, k) && !heldBack(times, relayed.get(r), k)) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * For every response the proxy sent, the upstream response it relayed (or null): the one whose
     * slot 0 arrived last before the proxy's slot 0, within the window, each used once. Streams start
     * 1 / rate apart; the proxy relays in well under that.
     */
    private List<long[]> matchUpstream() {
        TreeMap<Long, List<long[]>> byStart = new TreeMap<>();
        for (long[] t : upstream.slotTimes) {
            if (t[0] >= 0) {
                byStart.computeIfAbsent(t[0], k -> new ArrayList<>()).add(t);
            }
        }
        List<long[]> relayed = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.slotTimes.size(); i++) {
            order.add(i);
            relayed.add(null);
        }
        order.sort(Comparator.comparingLong(i -> out.slotTimes.get(i)[0]));
        for (int i : order) {
            long start = out.slotTimes.get(i)[0];
            Map.Entry<Long, List<long[]>> e = start < 0 ? null : byStart.floorEntry(start);
            if (e == null || start - e.getKey() > MATCH_WINDOW_MICROS) {
                continue;
            }
            relayed.set(i, e.getValue().remove(0));
            if (e.getValue().isEmpty()) {
                byStart.remove(e.getKey());
            }
        }
        return relayed;
    }

    /** Reads a classic pcap stream (either byte order, micro- or nanosecond time stamps). */
    void read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        byte[] global = new byte[24];
        in.readFully(global);
        ByteBuffer g = ByteBuffer.wrap(global).order(ByteOrder.LITTLE_ENDIAN);
        int magic = g.getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            g.order(ByteOrder.BIG_ENDIAN);
            magic = g.getInt(0);
        }
        boolean nanos = magic == 0xa1b23c4d;
        if (!nanos && magic != 0xa1b2c3d4) {
            throw new IOException("not a pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = g.getInt(20);
        byte[] header = new byte[16];
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException end) {
                break;
            }
            ByteBuffer h = ByteBuffer.wrap(header).order(g.order());
            long seconds = Integer.toUnsignedLong(h.getInt(0));
            long fraction = Integer.toUnsignedLong(h.getInt(4));
            byte[] frame = new byte[h.getInt(8)];
            in.readFully(frame);
            packet(frame, linkType, seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction));
        }
        out.finish();
        if (upstream != null) {
            upstream.finish();
        }
    }

    private void packet(byte[] f, int linkType, long micros) {
        int ip;
        int etherType;
        switch (linkType) {
            case 1 -> { // Ethernet (Linux loopback)
                ip = 14;
                etherType = u16(f, 12);
            }
            case 113 -> { // Linux cooked (SLL)
                ip = 16;
                etherType = u16(f, 14);
            }
            case 276 -> { // Linux cooked v2 (SLL2)
                ip = 20;
                etherType = u16(f, 0);
            }
            default -> throw new IllegalStateException("unsupported link type " + linkType);
        }
        if (etherType != 0x0800 || f.length < ip + 20 || (f[ip + 9] & 0xff) != 6) {
            return; // IPv4 TCP only: everything in the benchmark is on 127.0.0.1
        }
        int ipHeader = (f[ip] & 0x0f) * 4;
        int tcp = ip + ipHeader;
        int sourcePort = u16(f, tcp);
        Side side = sourcePort == out.port ? out : upstream != null && sourcePort == upstream.port ? upstream : null;
        if (side != null) {
            side.segment(f, ip, ipHeader, tcp, micros);
        }
    }

    private static int u16(byte[] a, int i) {
        return ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
    }

    private static int u32(byte[] a, int i) {
        return (u16(a, i) << 16) | u16(a, i + 2);
    }

    /** What one port sent: its connections, and the slot times of every complete response. */
    private final class Side {
        final int port;
        final Map<Long, Flow> flows = new HashMap<>();
        final List<long[]> slotTimes = new ArrayList<>();
        long segments;
        long events;
        int maxSlotsInSegment;

        Side(int port) {
            this.port = port;
        }

        void segment(byte[] f, int ip, int ipHeader, int tcp, long micros) {
            long flowKey = ((long) u16(f, tcp + 2) << 32) | (u32(f, ip + 16) & 0xffffffffL);
            long seq = u32(f, tcp + 4) & 0xffffffffL;
            int tcpHeader = ((f[tcp + 12] & 0xff) >> 4) * 4;
            int payload = tcp + tcpHeader;
            int length = u16(f, ip + 2) - ipHeader - tcpHeader;
            if ((f[tcp + 13] & 0x02) != 0) { // SYN: a new connection on this port pair
                Flow old = flows.put(flowKey, new Flow(this, (seq + 1) & 0xffffffffL, false));
                if (old != null) {
                    old.finish();
                }
                return;
            }
            if (length <= 0) {
                return;
            }
            if (payload + length > f.length) {
                throw new IllegalStateException("a segment was cut by the capture's snap length: capture with -s 0");
            }
            Flow flow = flows.computeIfAbsent(flowKey, k -> new Flow(this, seq, false));
            int skip = (int) (flow.nextSeq - seq); // bytes of this segment already seen (a retransmission); 32-bit wrap
            if (skip >= length) {
                return;
            }
            if (skip < 0) {
                gaps++; // bytes the capture missed: this connection can no longer be parsed
                flows.put(flowKey, new Flow(this, (seq + length) & 0xffffffffL, true));
                return;
            }
            flow.nextSeq = (seq + length) & 0xffffffffL;
            if (flow.lost) {
                return;
            }
            segments++;
            flow.segment++;
            flow.slotsThisSegment = 0;
            flow.bytes(f, payload + skip, payload + length, micros);
        }

        void finish() {
            flows.values().forEach(Flow::finish);
            flows.clear();
        }
    }

    /** One direction of one TCP connection: the slot times of the response in progress. */
    private final class Flow implements ResponseFraming.Handler {
        private final Side side;
        private final ResponseFraming framing = new ResponseFraming(this, true);
        long nextSeq;
        final boolean lost;
        long segment;
        int slotsThisSegment;
        private long segmentMicros;
        private long responseEvents;
        private long lastSlot = -1;
        private long lastSlotSegment = -1;
        private long[] times;

        Flow(Side side, long nextSeq, boolean lost) {
            this.side = side;
            this.nextSeq = nextSeq;
            this.lost = lost;
        }

        void bytes(byte[] a, int from, int to, long micros) {
            segmentMicros = micros;
            framing.feed(a, from, to - from);
        }

        /** Keeps the response in progress if it has all its slots (a stream cut by the end of the capture has not). */
        void finish() {
            if (times != null && times[times.length - 1] >= 0) {
                side.slotTimes.add(times);
            }
            times = null;
        }

        @Override
        public void onHead(String head) {
            finish();
            times = new long[chunks + 1];
            Arrays.fill(times, -1);
            responseEvents = 0;
            lastSlot = -1;
            lastSlotSegment = -1;
        }

        @Override
        public void onBody(byte[] a, int from, int to) {
        }

        @Override
        public void onEvent() {
            side.events++;
            responseEvents++;
            int slot = slotOf(responseEvents, openingEvents, chunks);
            if (slot == lastSlot || times == null) {
                return;
            }
            slotsThisSegment++;
            side.maxSlotsInSegment = Math.max(side.maxSlotsInSegment, slotsThisSegment);
            // two slots in one segment left together even if the capture stamped them apart
            times[slot] = slot > 0 && lastSlotSegment == segment ? times[slot - 1] + 1 : segmentMicros;
            lastSlot = slot;
            lastSlotSegment = segment;
        }

        @Override
        public boolean onEnd() {
            return true;
        }
    }
}
