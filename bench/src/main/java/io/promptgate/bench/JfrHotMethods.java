package io.promptgate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}) and allocation samples
 * ({@code jdk.ObjectAllocationSample}) as Markdown: hottest methods (self), the gateway's own
 * methods inclusive, library time attributed to the nearest gateway frame, and CPU by thread.
 *
 * <p>Usage: {@code JfrHotMethods recording.jfr [package-prefix] [top-n]}
 */
public final class JfrHotMethods {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        String prefix = args.length > 1 ? args[1] : "io.promptgate.";
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 15;

        Map<String, Long> self = new HashMap<>();
        Map<String, Long> appInclusive = new HashMap<>();
        Map<String, Long> appNearest = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocNearest = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        long inApp = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                RecordedStackTrace st = e.getStackTrace();
                RecordedThread t = e.getThread("sampledThread");
                threads.merge(threadGroup(t), 1L, Long::sum);
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = st.getFrames();
                self.merge(name(frames.get(0)), 1L, Long::sum);
                String nearest = null;
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (n.startsWith(prefix)) {
                        if (nearest == null) {
                            nearest = n;
                        }
                        if (seen.add(n)) {
                            appInclusive.merge(n, 1L, Long::sum);
                        }
                    }
                }
                if (nearest != null) {
                    inApp++;
                    appNearest.merge(nearest, 1L, Long::sum);
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long w = e.getLong("weight");
                allocTotal += w;
                String cls = e.getClass("objectClass").getName();
                allocClass.merge(cls, w, Long::sum);
                RecordedStackTrace st = e.getStackTrace();
                if (st != null) {
                    for (RecordedFrame f : st.getFrames()) {
                        String n = name(f);
                        if (n.startsWith(prefix)) {
                            allocNearest.merge(n, w, Long::sum);
                            break;
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d CPU samples, %.1f %% of them with a %s frame on the stack%n%n",
                file.getFileName(), samples, pct(inApp, samples), prefix));
        table(out, "Hottest methods (self time)", self, samples, top);
        table(out, "Gateway methods, inclusive (" + prefix + "*)", appInclusive, samples, top);
        table(out, "Samples attributed to the nearest gateway frame", appNearest, samples, top);
        table(out, "CPU samples by thread", threads, samples, top);
        if (allocTotal > 0) {
            table(out, "Allocation (sampled bytes) by nearest gateway frame", allocNearest, allocTotal, top);
            table(out, "Allocation (sampled bytes) by class", allocClass, allocTotal, top);
        }
        System.out.print(out);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String threadGroup(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String n = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return n == null ? "?" : n.replaceAll("[-#]?\\d+$", "-N").replaceAll("\\d+", "N");
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append("| ").append(title).append(" | % |\n|---|---:|\n");
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .collect(Collectors.toList());
        for (Map.Entry<String, Long> e : sorted) {
            out.append("| `").append(e.getKey()).append("` | ")
                    .append(String.format(Locale.ROOT, "%.1f", pct(e.getValue(), total))).append(" |\n");
        }
        out.append('\n');
    }
}
