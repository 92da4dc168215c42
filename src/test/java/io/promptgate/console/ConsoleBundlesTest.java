package io.promptgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every text of the console comes from the resource bundles, and both languages are complete: the
 * two bundles hold the same keys, none empty; every key a page or bean names exists; and no page
 * holds literal text (in its text or in an attribute a person reads) outside an EL expression.
 */
class ConsoleBundlesTest {
    private static final Path BUNDLES = Path.of("src/main/resources/io/promptgate/console");
    private static final Path PAGES = Path.of("webapp");
    private static final Path BEANS = Path.of("src/main/java/io/promptgate/console");
    /** Attributes whose values a person reads. */
    private static final Set<String> READABLE_ATTRIBUTES = Set.of("value", "label", "itemLabel", "title", "header",
            "headerText", "footerText", "placeholder", "message", "requiredMessage", "converterMessage", "validatorMessage",
            "emptyMessage", "alt", "aria-label", "noSelectionLabel");
    /** Elements whose text is code, not words for people. */
    private static final Set<String> CODE_ELEMENTS = Set.of("script", "style", "outputScript", "outputStylesheet");
    private static final Pattern EL = Pattern.compile("#\\{[^}]*}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern PAGE_KEY = Pattern.compile("msg\\['([^']+)']");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z]+\\.[A-Za-z0-9_.-]+)\"");

    @Test
    void bothBundlesHoldTheSameNonEmptyKeys() throws IOException {
        Properties en = bundle("messages_en.properties");
        Properties zh = bundle("messages_zh_CN.properties");
        assertThat(new TreeSet<>(zh.stringPropertyNames())).as("keys of messages_zh_CN vs messages_en")
                .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (Properties bundle : List.of(en, zh)) {
            bundle.forEach((key, value) -> assertThat(value.toString()).as(key.toString()).isNotBlank());
        }
    }

    @Test
    void everyKeyThePagesAndBeansNameExists() throws IOException {
        Set<String> keys = bundle("messages_en.properties").stringPropertyNames();
        Set<String> prefixes = new TreeSet<>();
        keys.forEach(k -> prefixes.add(k.substring(0, k.indexOf('.'))));
        List<String> missing = new ArrayList<>();
        for (Path page : files(PAGES, ".xhtml")) {
            Matcher m = PAGE_KEY.matcher(Files.readString(page));
            while (m.find()) {
                if (!keys.contains(m.group(1))) {
                    missing.add(page + ": " + m.group(1));
                }
            }
        }
        for (Path bean : files(BEANS, ".java")) {
            Matcher m = JAVA_LITERAL.matcher(Files.readString(bean));
            while (m.find()) {
                String key = m.group(1);
                if (prefixes.contains(key.substring(0, key.indexOf('.'))) && !keys.contains(key)) {
                    missing.add(bean + ": " + key);
                }
            }
        }
        // keys built at run time
        for (TimeRange range : TimeRange.values()) {
            if (!keys.contains(range.labelKey())) {
                missing.add("TimeRange: " + range.labelKey());
            }
        }
        for (String derived : List.of("lang.en", "lang.zh-CN", "matrix.direct", "matrix.adapter", "matrix.unavailable",
                "policies.mode.prepend", "policies.mode.append", "policies.mode.replace")) {
            if (!keys.contains(derived)) {
                missing.add("derived: " + derived);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noPageHoldsLiteralText() throws Exception {
        List<String> literals = new ArrayList<>();
        List<Path> pages = files(PAGES, ".xhtml");
        assertThat(pages).hasSizeGreaterThanOrEqualTo(12);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path page : pages) {
            Element root = factory.newDocumentBuilder().parse(page.toFile()).getDocumentElement();
            collectLiterals(page, root, literals);
        }
        assertThat(literals).isEmpty();
    }

    private static void collectLiterals(Path page, Node node, List<String> literals) {
        if (node instanceof Element element) {
            String name = element.getLocalName();
            if (CODE_ELEMENTS.contains(name)) {
                return;
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String attributeName = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                boolean readable = READABLE_ATTRIBUTES.contains(attributeName) || attributeName.startsWith("data-")
                        && !attributeName.equals("data-path") && !attributeName.equals("data-model")
                        && !attributeName.equals("data-anthropic");
                if (readable && hasWords(attribute.getValue())) {
                    literals.add(page + ": <" + name + " " + attributeName + "=\"" + attribute.getValue() + "\">");
                }
            }
        } else if (node.getNodeType() == Node.TEXT_NODE && hasWords(node.getNodeValue())) {
            literals.add(page + ": text \"" + node.getNodeValue().trim() + "\"");
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collectLiterals(page, child, literals);
        }
    }

    private static boolean hasWords(String text) {
        return LETTER.matcher(EL.matcher(text).replaceAll("")).find();
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
