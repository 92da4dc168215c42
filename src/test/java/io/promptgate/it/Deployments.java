package io.promptgate.it;

import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Archives for Arquillian deployments. The container tests deploy the WAR the build packaged,
 * exactly as shipped, never an archive assembled from classes.
 *
 * <pre>{@code
 * @ExtendWith(ArquillianExtension.class)
 * @RunAsClient
 * class SomethingJettyIT {
 *     @Deployment(testable = false)
 *     static WebArchive war() {
 *         return Deployments.war();
 *     }
 *
 *     @ArquillianResource
 *     URL base;     // e.g. http://127.0.0.1:41234/ (the WAR is the root context)
 * }
 * }</pre>
 */
public final class Deployments {
    /** System property the WAR reads its data directory from when PROMPTGATE_HOME is not set. */
    public static final String HOME_PROPERTY = "promptgate.home";

    private Deployments() {
    }

    /**
     * {@code target/promptgate.war} (system property {@code promptgate.war}) imported as
     * {@code ROOT.war}. The embedded Jetty runs inside the test JVM, where environment variables
     * cannot be set, so this also points the system property {@code promptgate.home} at a fresh
     * directory {@code target/it/jetty-embedded/data} unless it is already set.
     */
    public static WebArchive war() {
        jettyDataDir();
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(ItPaths.war().toFile())
                .as(WebArchive.class);
    }

    /** The data directory of WARs deployed into the embedded Jetty (created fresh once per run). */
    public static synchronized Path jettyDataDir() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = ItPaths.freshWorkDir("jetty-embedded").resolve("data");
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.setProperty(HOME_PROPERTY, dir.toString());
        return dir;
    }
}
