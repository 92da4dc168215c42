package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    @Test
    void createNewNeverOverwrites() throws Exception {
        Path file = dir.resolve("k");
        assertThat(OwnerOnlyFiles.createNew(file, bytes("one"))).isTrue();
        assertThat(OwnerOnlyFiles.createNew(file, bytes("two"))).isFalse();
        assertThat(Files.readString(file)).isEqualTo("one");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void appendCreatesOwnerOnlyAndAppends() throws Exception {
        Path file = dir.resolve("keys.txt");
        OwnerOnlyFiles.append(file, bytes("a\n"));
        OwnerOnlyFiles.append(file, bytes("b\n"));
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
        assertThat(OwnerOnlyFiles.isOwnerOnly(file)).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
