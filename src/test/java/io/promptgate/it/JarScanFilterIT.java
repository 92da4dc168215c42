package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Tomcat looks for container initializers and web fragments only in the JARs the context
 * descriptors name: every JAR of the packaged WAR that has one must be named, or its initializer
 * would silently not run, and the three descriptors (the WAR's and the two in tomcat-conf) name
 * the same ones.
 */
class JarScanFilterIT {
    private static final String INITIALIZER = "META-INF/services/jakarta.servlet.ServletContainerInitializer";
    private static final String FRAGMENT = "META-INF/web-fragment.xml";
    /** Left out on purpose: web.xml declares Jersey's servlet, so its initializer has nothing to do. */
    private static final List<String> NOT_SCANNED = List.of("jersey-container-servlet-");

    @Test
    void everyJarWithAnInitializerOrFragmentIsScannedAndNoPatternIsStale() throws Exception {
        Map<String, List<String>> pluggable = pluggableJars(ItPaths.war());
        assertThat(pluggable).as("JARs of the WAR with an initializer or a fragment").isNotEmpty();
        List<Pattern> patterns = patterns(filterOf(warEntry(ItPaths.war(), "META-INF/context.xml")).getAttribute("pluggabilityScan"));

        for (Map.Entry<String, List<String>> jar : pluggable.entrySet()) {
            boolean scanned = patterns.stream().anyMatch(p -> p.matcher(jar.getKey()).matches());
            boolean leftOut = NOT_SCANNED.stream().anyMatch(jar.getKey()::startsWith);
            assertThat(scanned || leftOut).as("%s (%s) is scanned or knowingly left out", jar.getKey(), jar.getValue()).isTrue();
            assertThat(scanned && leftOut).as("%s is both scanned and left out", jar.getKey()).isFalse();
        }
        for (Pattern pattern : patterns) {
            assertThat(pluggable.keySet()).as("a JAR of the WAR matches %s", pattern).anyMatch(name -> pattern.matcher(name).matches());
        }
    }

    @Test
    void theShippedContextDescriptorsFilterAsTheWarDoes() throws Exception {
        Element war = filterOf(warEntry(ItPaths.war(), "META-INF/context.xml"));
        assertThat(war.getAttribute("defaultPluggabilityScan")).isEqualTo("false");
        assertThat(war.getAttribute("defaultTldScan")).isEqualTo("false");
        for (String descriptor : List.of("context.xml", "context-postgresql.xml")) {
            Element shipped = filterOf(Files.readAllBytes(ItPaths.tomcatConf().resolve(descriptor)));
            for (String attribute : List.of("defaultPluggabilityScan", "pluggabilityScan", "defaultTldScan", "tldScan")) {
                assertThat(shipped.getAttribute(attribute)).as("%s %s", descriptor, attribute).isEqualTo(war.getAttribute(attribute));
            }
        }
    }

    /** JAR file name → which of the two it has. */
    private static Map<String, List<String>> pluggableJars(Path war) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.getName().startsWith("WEB-INF/lib/") || !entry.getName().endsWith(".jar")) {
                    continue;
                }
                List<String> kinds = new ArrayList<>();
                try (InputStream in = zip.getInputStream(entry); ZipInputStream jar = new ZipInputStream(in)) {
                    for (ZipEntry inner; (inner = jar.getNextEntry()) != null; ) {
                        if (inner.getName().equals(INITIALIZER) || inner.getName().equals(FRAGMENT)) {
                            kinds.add(inner.getName());
                        }
                    }
                }
                if (!kinds.isEmpty()) {
                    found.put(entry.getName().substring("WEB-INF/lib/".length()), kinds);
                }
            }
        }
        return found;
    }

    private static byte[] warEntry(Path war, String name) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            assertThat(entry).as("%s in the WAR", name).isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private static Element filterOf(byte[] contextXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var filters = factory.newDocumentBuilder().parse(new ByteArrayInputStream(contextXml))
                .getElementsByTagName("JarScanFilter");
        assertThat(filters.getLength()).as("one JarScanFilter").isEqualTo(1);
        return (Element) filters.item(0);
    }

    /** Tomcat's JAR name patterns: comma-separated, '*' for any characters. */
    private static List<Pattern> patterns(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(glob -> Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                        .reduce((a, b) -> a + ".*" + b).orElse("")))
                .toList();
    }
}
