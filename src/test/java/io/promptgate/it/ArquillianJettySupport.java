package io.promptgate.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian extension for the embedded Jetty 12 (ee10) adapter: the deployed WAR loads classes
 * from its own {@code WEB-INF/classes} and {@code WEB-INF/lib} first (the Servlet
 * specification's order, as in a real Jetty or Tomcat) rather than from the test classpath, which
 * the adapter prefers by default. Without this a WAR missing a library would still pass here.
 *
 * <p>Registered through {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension},
 * which the build copies from {@code src/test/resources/it/arquillian-services/}.
 */
public final class ArquillianJettySupport implements LoadableExtension {
    private static final Set<String> PARENT_LAST = ConcurrentHashMap.newKeySet();

    /** Whether the archive of this name was deployed with parent-last class loading (the embedded Jetty runs in this JVM). */
    public static boolean parentLast(String archiveName) {
        return PARENT_LAST.contains(archiveName);
    }

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(WebAppContextProcessor.class, ServletSpecClassLoading.class);
    }

    /** Parent-last class loading for every WAR the adapter deploys, except for the SQLite driver. */
    public static final class ServletSpecClassLoading implements WebAppContextProcessor {
        @Override
        public void process(WebAppContext webAppContext, Archive<?> archive) {
            webAppContext.setParentLoaderPriority(false);
            // SQLite's native library must exist once per process: two copies (the WAR's and the
            // test's, which reads request records) would break SQLite's POSIX file locking
            webAppContext.addProtectedClassMatcher(new ClassMatcher("org.sqlite."));
            // the CDI and Faces APIs are the WAR's (Weld's, Mojarra's), as in a standalone Jetty: the
            // copies on the test classpath would look for a CDI provider in the wrong class loader and
            // make Faces' qualifiers foreign to Weld
            webAppContext.addProtectedClassMatcher(new ClassMatcher("-jakarta.enterprise.", "-jakarta.inject.",
                    "-jakarta.interceptor.", "-jakarta.decorator.", "-jakarta.faces.", "-jakarta.annotation."));
            PARENT_LAST.add(archive.getName());
        }
    }
}
