package io.promptgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stalls of the system-under-test core that {@code core_stalls} (bench/src/main/c) saw: times
 * when even a real-time thread pinned to the core could not run. Each is the interval
 * [end − length, end] in microseconds since the epoch, the clock of tcpdump's time stamps.
 */
final class CoreStalls {
    private final long[] ends;
    private final long[] lengths;

    private CoreStalls(long[] ends, long[] lengths) {
        this.ends = ends;
        this.lengths = lengths;
    }

    /** Reads the probe's "stall END_US LENGTH_US" lines; its other lines are ignored. */
    static CoreStalls read(Path file) throws IOException {
        List<long[]> stalls = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("stall")) {
                stalls.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        stalls.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] ends = new long[stalls.size()];
        long[] lengths = new long[stalls.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = stalls.get(i)[0];
            lengths[i] = stalls.get(i)[1];
        }
        return new CoreStalls(ends, lengths);
    }

    /** Whether a stall of at least {@code minLength} µs overlapped [from, to]. */
    boolean overlaps(long from, long to, long minLength) {
        for (int i = 0; i < ends.length; i++) {
            if (lengths[i] >= minLength && ends[i] >= from && ends[i] - lengths[i] <= to) {
                return true;
            }
        }
        return false;
    }
}
