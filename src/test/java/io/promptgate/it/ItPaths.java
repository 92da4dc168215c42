package io.promptgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Locations the build hands to the container tests (see the failsafe configuration in pom.xml). */
public final class ItPaths {
    private ItPaths() {
    }

    /** The packaged WAR: system property {@code promptgate.war}, else {@code target/promptgate.war}. */
    public static Path war() {
        Path war = Path.of(System.getProperty("promptgate.war", "target/promptgate.war")).toAbsolutePath();
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("WAR not found at " + war
                    + ": run the container tests through Maven (./mvnw verify), which packages it first");
        }
        return war;
    }

    /** The build directory ({@code target/}), taken as the directory that holds the WAR. */
    public static Path buildDir() {
        return war().getParent();
    }

    /** The directory with server.xml, context.xml and setenv.sh: {@code promptgate.tomcatConf}. */
    public static Path tomcatConf() {
        Path dir = Path.of(System.getProperty("promptgate.tomcatConf", "tomcat-conf")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("server.xml"))) {
            throw new IllegalStateException("No server.xml in " + dir + " (system property promptgate.tomcatConf)");
        }
        return dir;
    }

    /** The PostgreSQL JDBC driver JAR from the local Maven repository: system property {@code postgresql.driver.jar}. */
    public static Path postgresqlDriver() {
        Path jar = Path.of(System.getProperty("postgresql.driver.jar", "")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("PostgreSQL driver JAR not found at " + jar + " (system property postgresql.driver.jar)");
        }
        return jar;
    }

    /** A fresh, empty directory {@code target/it/<name>} (deleted first if it exists). */
    public static Path freshWorkDir(String name) {
        Path dir = buildDir().resolve("it").resolve(name);
        deleteRecursively(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
