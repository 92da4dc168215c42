package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @Test
    void linesReachTheFileWhenFlushedAndAreKeptAcrossAReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("action.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 1024 * 1024, 3, ZoneOffset.UTC)) {
            log.writeLine("first");
            log.writeLine("second 中文");
            log.flush();
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("first", "second 中文");
        }
        try (RotatingLogFile log = new RotatingLogFile(file, 1024 * 1024, 3, ZoneOffset.UTC)) {
            log.writeLine("third");
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("first", "second 中文", "third");
    }

    @Test
    void aFullFileIsRotatedWithEveryLineKeptAndOnlyTheNewestRotatedFilesRetained(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("action.log");
        String line = "x".repeat(99); // 100 bytes with its newline: two lines fill the 200-byte file
        try (RotatingLogFile log = new RotatingLogFile(file, 200, 2, ZoneOffset.UTC)) {
            for (int i = 0; i < 9; i++) {
                log.writeLine(line);
            }
            log.flush();
        }
        List<Path> rotated;
        try (Stream<Path> files = Files.list(dir)) {
            rotated = files.filter(p -> !p.equals(file)).toList();
        }
        assertThat(rotated).hasSize(2);
        assertThat(Files.readAllLines(file)).hasSize(1);
        for (Path p : rotated) {
            assertThat(Files.readAllLines(p)).containsExactly(line, line);
        }
    }
}
