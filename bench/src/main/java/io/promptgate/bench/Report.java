package io.promptgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the measurements bench/run collected into the Markdown table and the target check.
 *
 * <p>Input: a TSV file of {@code scenario metric arm value} lines (one line per round and arm;
 * rounds are aggregated: the median for timings and rates, the sum for counts) and a
 * {@code key=value} file describing the run. Usage: {@code Report results.tsv run.properties [--strict]};
 * with {@code --strict} the exit status is 1 when a correctness check fails (errors, lost rows,
 * coalesced chunks, bodies differing from direct), never for a missed performance target.
 */
public final class Report {
    static final String[] ARMS = {"direct", "nginx", "gateway"};

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        Report r = new Report();
        r.load(Path.of(args[0]), Path.of(args[1]));
        boolean strict = args.length > 2 && args[2].equals("--strict");
        System.out.print(r.render());
        if (strict && !r.failures.isEmpty()) {
            System.err.println("benchmark correctness checks failed: " + r.failures);
            System.exit(1);
        }
    }

    private void load(Path tsv, Path props) throws IOException {
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            if (f.length == 4) {
                values.computeIfAbsent(f[0] + "|" + f[1] + "|" + f[2], k -> new ArrayList<>()).add(f[3].trim());
            }
        }
        for (String line : Files.readAllLines(props)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    // ---- aggregation -------------------------------------------------------------------------

    private List<String> raw(String scenario, String metric, String arm) {
        return values.getOrDefault(scenario + "|" + metric + "|" + arm, List.of());
    }

    private Double median(String scenario, String metric, String arm) {
        List<Double> v = numbers(scenario, metric, arm);
        return v.isEmpty() ? null : medianOf(v);
    }

    /** The metric's values in round order; what is not a number is skipped. */
    private List<Double> numbers(String scenario, String metric, String arm) {
        List<Double> v = new ArrayList<>();
        for (String s : raw(scenario, metric, arm)) {
            try {
                v.add(Double.parseDouble(s));
            } catch (NumberFormatException ignored) {
                // not a number: skipped
            }
        }
        return v;
    }

    /** The gateway's stop-the-world pauses during a stream scenario's rounds: one longer than the gap merges events. */
    private String vmPausesNote(String scenario) {
        Double longPauses = sum(scenario, "vm_pauses_over_gap", "gateway");
        if (longPauses == null) {
            return "";
        }
        Double longest = max(scenario, "vm_longest_pause_ms", "gateway");
        Double compiling = sum(scenario, "jit_ms", "gateway");
        return "; the gateway's JVM stopped it (safepoints: collector, deoptimisation, …) for longer than the gap "
                + fmt0(longPauses) + " time(s) in these rounds (longest pause " + fmt1(longest)
                + " ms), each pause holding back one event of every open stream"
                + (compiling == null ? "" : "; its JIT compilers were busy " + fmt0(compiling) + " ms in them");
    }

    /** The mock's and the driver's own pauses over the gap in the gateway's rounds: they merge events on any path. */
    private String loadPausesNote(String scenario) {
        Double n = sum(scenario, "load_pauses_over_gap", "gateway");
        return n == null ? "" : "; the load side's JVMs (mock, driver) paused for longer than the gap " + fmt0(n) + " time(s) in them";
    }

    /** Metrics round by round for each arm, a round's values joined by '/' (no row when no arm has them). */
    private void perRoundRow(StringBuilder t, String name, String sc, String... metrics) {
        String[] cells = new String[3];
        boolean any = false;
        for (int i = 0; i < 3; i++) {
            List<List<Double>> values = new ArrayList<>();
            int rounds = Integer.MAX_VALUE;
            for (String metric : metrics) {
                values.add(numbers(sc, metric, ARMS[i]));
                rounds = Math.min(rounds, values.get(values.size() - 1).size());
            }
            List<String> perRound = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                int round = r;
                perRound.add(String.join("/", values.stream().map(v -> fmt0(v.get(round))).toList()));
            }
            any |= !perRound.isEmpty();
            cells[i] = perRound.isEmpty() ? "–" : String.join(", ", perRound);
        }
        if (any) {
            row(t, name, cells[0], cells[1], cells[2], "", "");
        }
    }

    /**
     * Chunks each arm put on the wire together with the previous one (one segment, or under G/10
     * apart) because it held that one back (in brackets: the mock's own towards the arm), from the
     * packet capture; for the direct arm, the mock's. Returns whether the gateway was captured in
     * every round, without gaps, so that the capture can judge the coalescing target.
     */
    private boolean wireRow(StringBuilder t, String name, String sc) {
        String[] cells = new String[3];
        for (int i = 0; i < 3; i++) {
            Double out = sum(sc, "wire_merged", ARMS[i]);
            Double up = sum(sc, "wire_merged_upstream", ARMS[i]);
            cells[i] = out == null ? "–" : fmt0(out) + (up == null ? "" : " (" + fmt0(up) + ")");
        }
        int captured = numbers(sc, "wire_merged", "gateway").size();
        if (captured == 0) {
            return false;
        }
        row(t, name + "chunks the arm sent together with the previous one, having held it back (the mock's own towards the arm), packet capture",
                cells[0], cells[1], cells[2], "", "");
        if (!numbers(sc, "wire_merged_in_stall", "gateway").isEmpty()) {
            row(t, name + "of those, held back while the system-under-test core ran nothing at all (a real-time probe on it could not run for ≥ G/2)",
                    "–", fmt0(sum(sc, "wire_merged_in_stall", "nginx")), fmt0(sum(sc, "wire_merged_in_stall", "gateway")), "", "");
            row(t, name + "of the others, held back while an ordinary thread at the proxy's priority could not run for ≥ G/2 (the core busy with other threads, the proxy's own among them)",
                    "–", fmt0(sum(sc, "wire_merged_in_busy", "nginx")), fmt0(sum(sc, "wire_merged_in_busy", "gateway")), "", "");
        }
        if (!numbers(sc, "wire_merged_upstream_close", "gateway").isEmpty()) {
            row(t, name + "of all those, pairs the mock itself had sent under G/2 apart (it began the merge, the arm's delay completed it)",
                    "–", fmt0(sum(sc, "wire_merged_upstream_close", "nginx")), fmt0(sum(sc, "wire_merged_upstream_close", "gateway")), "", "");
        }
        Double gaps = sum(sc, "wire_gaps", "gateway");
        return captured == numbers(sc, "coalesced", "gateway").size() && gaps != null && gaps == 0;
    }

    /** How much of the cores the hypervisor took during the gateway's rounds of a stream scenario. */
    private String stealNote(String scenario) {
        Double sut = max(scenario, "core0_steal", "gateway");
        Double load = max(scenario, "core1_steal", "gateway");
        if (sut == null || load == null) {
            return "";
        }
        return "; in the gateway's rounds the hypervisor took up to " + fmt0(sut) + " % of the system-under-test core and "
                + fmt0(load) + " % of the load core (steal time)";
    }

    /**
     * {@code arm / reference} round by round: the two were measured within half a minute, so the
     * machine's slow drift in speed cancels out of each ratio, where a ratio of medians keeps it.
     */
    private List<Double> pairedRatios(String scenario, String metric, String arm, String reference) {
        List<Double> a = numbers(scenario, metric, arm);
        List<Double> b = numbers(scenario, metric, reference);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (b.get(i) > 0) {
                ratios.add(a.get(i) / b.get(i));
            }
        }
        return ratios;
    }

    static double medianOf(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private Double sum(String scenario, String metric, String arm) {
        List<String> r = raw(scenario, metric, arm);
        if (r.isEmpty()) {
            return null;
        }
        double s = 0;
        for (String x : r) {
            s += Double.parseDouble(x);
        }
        return s;
    }

    private Double max(String scenario, String metric, String arm) {
        List<String> r = raw(scenario, metric, arm);
        if (r.isEmpty()) {
            return null;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (String x : r) {
            m = Math.max(m, Double.parseDouble(x));
        }
        return m;
    }

    // ---- rendering ---------------------------------------------------------------------------

    private String render() {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | direct | nginx | gateway | gateway − direct | gateway / nginx |\n");
        t.append("|---|---:|---:|---:|---:|---:|\n");

        // 1. throughput
        Double d1 = median("s1", "rps", "direct");
        Double n1 = median("s1", "rps", "nginx");
        Double g1 = median("s1", "rps", "gateway");
        row(t, "1. non-streaming, D=0: throughput, req/s (wrk, " + meta.getOrDefault("s1_conns", "?") + " conns)",
                fmt0(d1), fmt0(n1), fmt0(g1), diff0(g1, d1), ratio(g1, n1));
        List<Double> perRound = pairedRatios("s1", "rps", "gateway", "nginx");
        if (!perRound.isEmpty()) {
            row(t, "1. throughput, gateway / nginx in each round (the two at most one arm apart)", "", "", "", "",
                    String.join(", ", perRound.stream().map(Report::fmt2).toList()));
            double r = medianOf(perRound);
            target(r >= 0.30, String.format(Locale.ROOT,
                    "Throughput ≥ 30 %% of nginx (stretch 50 %%): %.0f %% of nginx (median of %d per-round ratios; "
                            + "ratio of the medians %s)", 100 * r, perRound.size(), ratio(g1, n1)));
        }
        if (g1 != null && d1 != null) {
            target(d1 >= 3 * g1, String.format(Locale.ROOT,
                    "Mock upstream ≥ 3× the gateway's rate, measured directly: %.1f×", d1 / g1));
        }
        List<Double> compiling = numbers("s1", "jit_ms", "gateway");
        if (!compiling.isEmpty()) {
            row(t, "1. gateway's JIT compilers busy during each round, ms (the compilers share its one core)", "", "", "",
                    "", String.join(", ", compiling.stream().map(Report::fmt0).toList()));
        }
        busyRow(t, "s1");
        perRoundRow(t, "1. CPU stolen by the hypervisor in each round, % (system-under-test core / load core)", "s1",
                "core0_steal", "core1_steal");

        // 2. fixed rates
        for (String sc : new String[] {"s2a", "s2b"}) {
            String measured = meta.get(sc + "_rate");
            if (measured == null) {
                continue; // the smoke run has one rate
            }
            String rate = String.format(Locale.ROOT, "%,d", Integer.parseInt(measured));
            for (String[] m : new String[][] {{"lat_p50", "p50"}, {"lat_p99", "p99"}, {"lat_p999", "p99.9"}}) {
                latencyRow(t, "2. " + rate + " req/s, D=20 ms: " + m[1] + " latency, ms", sc, m[0]);
            }
            errorsRow(t, "2. " + rate + " req/s: errors (sent)", sc);
        }
        Double a50 = added("s2a", "lat_p50");
        Double a99 = added("s2a", "lat_p99");
        Double b99 = added("s2b", "lat_p99");
        if (a50 != null) {
            target(a50 <= 1.0, String.format(Locale.ROOT, "Added latency at %s req/s p50 ≤ 1 ms: %+.2f ms", meta.getOrDefault("s2a_rate", "500"), a50));
        }
        if (a99 != null) {
            target(a99 <= 3.0, String.format(Locale.ROOT, "Added latency at %s req/s p99 ≤ 3 ms: %+.2f ms", meta.getOrDefault("s2a_rate", "500"), a99));
        }
        if (b99 != null) {
            target(b99 <= 10.0, String.format(Locale.ROOT, "Added latency at %s req/s p99 ≤ 10 ms: %+.2f ms", meta.getOrDefault("s2b_rate", "2000"), b99));
        }

        // 3. SSE
        for (String[] s : new String[][] {{"s3a", "OpenAI"}, {"s3b", "Anthropic"}}) {
            String sc = s[0];
            String name = "3. SSE " + s[1] + " " + meta.getOrDefault("s3_chunks", "20") + "×"
                    + meta.getOrDefault("s3_gap_ms", "10") + " ms, " + meta.getOrDefault("s3_rate", "?") + " streams/s: ";
            latencyRow(t, name + "TTFB p50, ms", sc, "ttfb_p50");
            latencyRow(t, name + "TTFB p99, ms", sc, "ttfb_p99");
            latencyRow(t, name + "chunk delay p50, ms", sc, "chunk_delay_p50");
            latencyRow(t, name + "chunk delay p99, ms", sc, "chunk_delay_p99");
            String[] cells = new String[3];
            boolean allSame = true;
            boolean noCoalescing = true;
            Double gwCoalesced = sum(sc, "coalesced", "gateway");
            Double gwSent = sum(sc, "sent", "gateway");
            double slots = (gwSent == null ? 0 : gwSent) * Double.parseDouble(meta.getOrDefault("s3_chunks", "20"));
            String directCrc = raw(sc, "crc", "direct").isEmpty() ? null : raw(sc, "crc", "direct").get(0);
            for (int i = 0; i < 3; i++) {
                Double c = sum(sc, "coalesced", ARMS[i]);
                List<String> crcs = raw(sc, "crc", ARMS[i]);
                Double distinct = max(sc, "distinct_bodies", ARMS[i]);
                boolean same = directCrc != null && !crcs.isEmpty() && crcs.stream().allMatch(directCrc::equals)
                        && distinct != null && distinct == 1;
                cells[i] = c == null ? "–" : fmt0(c) + (same ? " / same bytes" : " / DIFFERENT bytes");
                if (i == 2 && c != null && c > 0) {
                    noCoalescing = false;
                }
                if (!same) {
                    allSame = false;
                }
            }
            row(t, name + "coalesced chunks / bytes vs direct", cells[0], cells[1], cells[2], "", "");
            boolean wireEveryRound = wireRow(t, name, sc);
            // steal: the hypervisor ran something else while the vCPU had work; over a gap at once, it merges events on any path
            perRoundRow(t, name + "CPU stolen by the hypervisor in each round, % (system-under-test core / load core)", sc,
                    "core0_steal", "core1_steal");
            perRoundRow(t, name + "stalls of the system-under-test core ≥ G/2 in each round / the longest, ms (real-time probe) / an ordinary thread's waits ≥ G/2", sc,
                    "core_stalls", "longest_stall_ms", "busy_stalls");
            perRoundRow(t, name + "load side's JVM pauses over the gap in each round (mock + driver)", sc, "load_pauses_over_gap");
            errorsRow(t, name + "errors (sent)", sc);
            Double ttfbAdded = added(sc, "ttfb_p50");
            if (ttfbAdded != null) {
                target(ttfbAdded <= 1.0, String.format(Locale.ROOT, "SSE (%s) TTFB added p50 ≤ 1 ms: %+.2f ms", s[1], ttfbAdded));
            }
            String clientSide = fmt0(gwCoalesced) + " of " + fmt0(slots) + " chunks arrived in one read with the previous one (direct: "
                    + fmt0(sum(sc, "coalesced", "direct")) + ", nginx: " + fmt0(sum(sc, "coalesced", "nginx")) + ")";
            // with a capture of every gateway round the wire judges: a client that reads late merges chunks the
            // gateway sent apart, and only the capture tells those from chunks the gateway held back
            Double gwWire = sum(sc, "wire_merged", "gateway");
            // merges behind a stall of the whole core (the probe, above every thread, could not run either)
            // were not the gateway's doing; judged on the rest when the probe ran in every gateway round
            boolean probed = wireEveryRound
                    && numbers(sc, "wire_merged_in_stall", "gateway").size() == numbers(sc, "wire_merged", "gateway").size();
            double gwOwn = gwWire == null ? 0 : gwWire - (probed ? sum(sc, "wire_merged_in_stall", "gateway") : 0);
            String finding = wireEveryRound
                    ? "the gateway sent " + fmt0(gwWire) + " of " + fmt0(slots) + " chunks together with the previous one,"
                            + " having held that one back (packet capture: one TCP segment or under G/10 apart; the mock sent "
                            + fmt0(sum(sc, "wire_merged_upstream", "gateway")) + " so towards it)"
                            + (probed ? ", " + fmt0(gwOwn) + " of them while its core was running (" + fmt0(sum(sc, "wire_merged_in_busy", "gateway"))
                                    + " of those while the core was busy with other threads; the rest behind stalls of the whole core: "
                                    + fmt0(sum(sc, "core_stalls", "gateway")) + " of ≥ G/2 in its rounds)" : "")
                            + "; at the client " + clientSide
                    : clientSide;
            target(wireEveryRound ? gwOwn == 0 : noCoalescing, "SSE (" + s[1] + ") no chunk coalescing: " + finding
                    + vmPausesNote(sc) + stealNote(sc) + loadPausesNote(sc));
            check(allSame, "SSE (" + s[1] + ") chunks byte-identical to direct", allSame ? "identical" : "bytes differ");
            // scheduling jitter on a busy machine merges a few chunks on every path; a gateway that
            // buffered events would merge nearly all of them. The smoke run's gateway is barely
            // warm (interpreted code on one core merges more), so it gets a wider margin.
            double coalescingLimit = "smoke".equals(meta.get("mode")) ? 0.25 : 0.05;
            if (gwCoalesced != null && slots > 0 && gwCoalesced > coalescingLimit * slots) {
                failures.add("SSE (" + s[1] + ") the gateway coalesced " + fmt0(gwCoalesced) + " of " + fmt0(slots) + " chunks");
            }
        }

        // 4. open streams
        String streams = meta.getOrDefault("s4_streams", "5000");
        String n4 = "4. " + String.format(Locale.ROOT, "%,d", Integer.parseInt(streams)) + " slow streams (G="
                + meta.getOrDefault("s4_gap_ms", "5000") + " ms), heap " + meta.getOrDefault("heap", "512m") + ": ";
        Double heldG = max("s4", "held", "gateway");
        Double errG = sum("s4", "errors", "gateway");
        row(t, n4 + "streams held", fmt0(max("s4", "held", "direct")), fmt0(max("s4", "held", "nginx")), fmt0(heldG), "", "");
        row(t, n4 + "errors", fmt0(sum("s4", "errors", "direct")), fmt0(sum("s4", "errors", "nginx")), fmt0(errG), "", "");
        Double perStream = median("s4", "heap_per_stream_kib", "gateway");
        Double perStreamQuarter = median("s4", "heap_per_stream_quarter_kib", "gateway");
        row(t, n4 + "heap per stream after GC, KiB (at all / at a quarter of the streams)", "–", "–",
                fmt1(perStream) + " / " + fmt1(perStreamQuarter), "", "");
        row(t, n4 + "memory per stream (RSS), KiB", "–", fmt1(median("s4", "rss_per_stream_kib", "nginx")),
                fmt1(median("s4", "rss_per_stream_kib", "gateway")), "", "");
        row(t, n4 + "threads (idle → held)", "–", "–", fmt0(median("s4", "threads_idle", "gateway")) + " → "
                + fmt0(median("s4", "threads", "gateway")), "", "");
        if (heldG != null && errG != null) {
            target(heldG >= Double.parseDouble(streams) && errG == 0, String.format(Locale.ROOT,
                    "%s concurrent open streams, heap %s, zero errors: %.0f held, %.0f errors", streams,
                    meta.getOrDefault("heap", "512m"), heldG, errG));
            if (errG > 0 || sum("s4", "errors", "direct") != null && sum("s4", "errors", "direct") > 0) {
                failures.add("slow streams had errors");
            }
        }

        // 5. request records
        boolean allRows = true;
        StringBuilder rowsText = new StringBuilder();
        for (String[] s : new String[][] {{"s1", "1"}, {"s2a", "2 (" + meta.getOrDefault("s2a_rate", "500") + "/s)"},
                {"s2b", "2 (" + meta.getOrDefault("s2b_rate", "2000") + "/s)"}, {"s3a", "3 (OpenAI)"}, {"s3b", "3 (Anthropic)"}, {"s4", "4"}}) {
            Double rows = sum(s[0], "rows", "gateway");
            Double sent = sum(s[0], "sent", "gateway");
            if (rows == null || sent == null) {
                continue;
            }
            boolean eq = rows.doubleValue() == sent.doubleValue();
            allRows &= eq;
            row(t, "5. request rows / requests sent, scenario " + s[1], "–", "–",
                    fmt0(rows) + " / " + fmt0(sent) + (eq ? " ✓" : " ✗"), "", "");
            rowsText.append(s[1]).append(eq ? " ok" : " MISMATCH").append("; ");
        }
        check(allRows, "Zero lost request rows (rows == requests sent, every scenario)", rowsText.toString().trim());

        // correctness: errors anywhere
        for (String sc : new String[] {"s2a", "s2b", "s3a", "s3b"}) {
            for (String arm : ARMS) {
                Double e = sum(sc, "errors", arm);
                if (e != null && e > 0) {
                    failures.add(sc + " " + arm + " had " + fmt0(e) + " errors");
                }
            }
        }
        for (String arm : ARMS) {
            Double e = sum("s1", "errors", arm);
            if (e != null && e > 0) {
                failures.add("s1 " + arm + " had " + fmt0(e) + " non-2xx or socket errors");
            }
        }

        StringBuilder out = new StringBuilder();
        out.append(t).append('\n');
        out.append("Targets (").append(meta.getOrDefault("mode", "full")).append(" run):\n\n");
        for (String s : targets) {
            out.append("- ").append(s).append('\n');
        }
        if (!failures.isEmpty()) {
            out.append("\nCorrectness problems: ").append(String.join("; ", failures)).append('\n');
        }
        return out.toString();
    }

    private Double added(String sc, String metric) {
        Double g = median(sc, metric, "gateway");
        Double d = median(sc, metric, "direct");
        return g == null || d == null ? null : g - d;
    }

    private void latencyRow(StringBuilder t, String name, String sc, String metric) {
        Double d = median(sc, metric, "direct");
        Double n = median(sc, metric, "nginx");
        Double g = median(sc, metric, "gateway");
        row(t, name, fmt2(d), fmt2(n), fmt2(g), g == null || d == null ? "–" : String.format(Locale.ROOT, "%+.2f", g - d),
                ratio(g, n));
    }

    private void errorsRow(StringBuilder t, String name, String sc) {
        String[] cells = new String[3];
        for (int i = 0; i < 3; i++) {
            Double e = sum(sc, "errors", ARMS[i]);
            Double s = sum(sc, "sent", ARMS[i]);
            cells[i] = e == null ? "–" : fmt0(e) + " (" + fmt0(s) + ")";
        }
        row(t, name, cells[0], cells[1], cells[2], "", "");
    }

    private void busyRow(StringBuilder t, String sc) {
        String[] cells = new String[3];
        for (int i = 0; i < 3; i++) {
            Double sut = median(sc, "core0_busy", ARMS[i]);
            Double own = median(sc, "sut_cpu", ARMS[i]);
            Double load = median(sc, "core1_busy", ARMS[i]);
            cells[i] = (sut == null ? "–" : fmt0(sut)) + (own == null || i == 0 ? "" : " (" + fmt0(own) + ")")
                    + " / " + (load == null ? "–" : fmt0(load));
        }
        if (median(sc, "core0_busy", "gateway") == null) {
            return;
        }
        row(t, "1. CPU busy %: system-under-test core (of it the system under test) / load core", cells[0], cells[1], cells[2], "", "");
    }

    private void target(boolean met, String text) {
        targets.add((met ? "**met**: " : "**not met**: ") + text);
    }

    private void check(boolean met, String what, String detail) {
        targets.add((met ? "**met**: " : "**not met**: ") + what + ": " + detail);
        if (!met) {
            failures.add(what);
        }
    }

    private static void row(StringBuilder t, String name, String d, String n, String g, String diff, String ratio) {
        t.append("| ").append(name).append(" | ").append(d).append(" | ").append(n).append(" | ").append(g)
                .append(" | ").append(diff).append(" | ").append(ratio).append(" |\n");
    }

    private static String fmt0(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt1(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String fmt2(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String diff0(Double g, Double d) {
        return g == null || d == null ? "–" : String.format(Locale.ROOT, "%+,.0f", g - d);
    }

    private static String ratio(Double g, Double n) {
        return g == null || n == null || n == 0 ? "–" : String.format(Locale.ROOT, "%.2f", g / n);
    }
}
