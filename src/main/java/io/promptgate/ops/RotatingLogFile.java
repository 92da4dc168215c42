package io.promptgate.ops;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An append-only text file rotated when it passes a size or the day changes; rotated files are
 * named {@code <name>.<yyyy-MM-dd>.<n>} and only the newest {@code retain} of them are kept.
 * Written from one thread.
 */
public final class RotatingLogFile implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private final Path file;
    private final long maxBytes;
    private final int retain;
    private final ZoneId zone;
    private OutputStream out;
    private long size;
    private LocalDate day;

    public RotatingLogFile(Path file, long maxBytes, int retain, ZoneId zone) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.retain = retain;
        this.zone = zone;
        open();
    }

    public void writeLine(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        LocalDate today = LocalDate.now(zone);
        if (!today.equals(day) || size + bytes.length + 1 > maxBytes && size > 0) {
            rotate();
        }
        out.write(bytes);
        out.write('\n');
        size += bytes.length + 1;
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void open() throws IOException {
        // buffered: lines come in batches and the caller flushes after each (one write per batch)
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                BUFFER_BYTES);
        size = Files.size(file);
        day = size == 0 ? LocalDate.now(zone)
                : LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), zone);
    }

    private void rotate() throws IOException {
        out.close();
        if (Files.size(file) > 0) {
            String base = file.getFileName() + "." + day + ".";
            int n = 1;
            while (Files.exists(file.resolveSibling(base + n))) {
                n++;
            }
            Files.move(file, file.resolveSibling(base + n), StandardCopyOption.ATOMIC_MOVE);
            pruneOld();
        }
        open();
        day = LocalDate.now(zone);
    }

    /** Keeps the newest {@code retain} rotated files. */
    private void pruneOld() throws IOException {
        String prefix = file.getFileName() + ".";
        try (Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
            List<Path> rotated = siblings
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(RotatingLogFile::modified).reversed())
                    .toList();
            for (Path old : rotated.subList(Math.min(retain, rotated.size()), rotated.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
