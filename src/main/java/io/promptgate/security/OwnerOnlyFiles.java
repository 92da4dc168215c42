package io.promptgate.security;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Small secret files (master key, generated keys) that only their owner can read: {@code rw-------}
 * from the moment they exist on POSIX file systems; best effort elsewhere.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code content} to a new owner-only temporary file beside {@code target}, then moves it
     * into place, so {@code target} is never seen partly written or with wider permissions.
     *
     * @return false when {@code target} already existed (it is left untouched)
     */
    public static boolean createNew(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = isPosix(dir)
                ? Files.createTempFile(dir, ".promptgate", ".tmp", ownerReadWrite())
                : restrictIfNotPosix(Files.createTempFile(dir, ".promptgate", ".tmp"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target); // no REPLACE_EXISTING: never overwrites
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Appends {@code content} to {@code file}, creating it owner-only if it does not exist. */
    public static void append(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = isPosix(dir);
        boolean existed = Files.exists(file);
        try (FileChannel channel = posix
                ? FileChannel.open(file, options, ownerReadWrite())
                : FileChannel.open(file, options)) {
            if (!posix && !existed) {
                restrictIfNotPosix(file);
            }
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    /** True when nobody but the owner has any permission on {@code file} (always true without POSIX). */
    public static boolean isOwnerOnly(Path file) throws IOException {
        if (!isPosix(file)) {
            return true;
        }
        return Files.getPosixFilePermissions(file).stream().allMatch(p -> p.name().startsWith("OWNER_"));
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerReadWrite() {
        return PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
    }

    private static Path restrictIfNotPosix(Path file) {
        File f = file.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
        return file;
    }
}
