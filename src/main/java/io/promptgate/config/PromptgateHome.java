package io.promptgate.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * The data directory: SQLite file, action log, master key, generated keys.
 *
 * <p>{@link ConfigKey#HOME} when set; otherwise {@code ${catalina.base}/data/promptgate} on Tomcat,
 * {@code ${jetty.base}/data/promptgate} on Jetty, else {@code ./data}.
 */
public final class PromptgateHome {
    private static final Logger LOG = Logger.getLogger(PromptgateHome.class.getName());

    private PromptgateHome() {
    }

    /** Locates the data directory and creates it (owner-only where POSIX permissions exist) if missing. */
    public static Path resolve(ConfigValues config) {
        Path home = locate(config);
        try {
            if (!Files.isDirectory(home)) {
                create(home);
                LOG.info(() -> "Created data directory " + home);
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot create the data directory " + home + " (set "
                    + ConfigKey.HOME.describe() + "): " + e.getMessage(), e);
        }
        if (!Files.isWritable(home)) {
            throw new ConfigException("the data directory " + home + " is not writable (set "
                    + ConfigKey.HOME.describe() + ")");
        }
        return home;
    }

    /** Where the data directory is, without touching the file system. */
    public static Path locate(ConfigValues config) {
        return config.get(ConfigKey.HOME).map(String::trim).map(Path::of)
                .or(() -> config.systemProperty("catalina.base").map(base -> Path.of(base, "data", "promptgate")))
                .or(() -> config.systemProperty("jetty.base").map(base -> Path.of(base, "data", "promptgate")))
                .orElseGet(() -> Path.of("data"))
                .toAbsolutePath()
                .normalize();
    }

    private static void create(Path home) throws IOException {
        Path parent = home.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(home);
        }
    }
}
