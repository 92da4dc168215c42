package io.promptgate.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promptgate.config.ConfigDocument.ApiKeySpec;
import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.config.ConfigDocument.SettingsSpec;
import io.promptgate.config.ConfigDocument.UserSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML or JSON document into a {@link ConfigDocument}, checking its syntax, its shape
 * (known fields only) and its value types. Meaning (references, ranges, URLs) is checked by
 * {@link ConfigValidator}. Every problem is reported with its path, e.g. {@code providers[0].queue:
 * must be an integer}; values are never echoed, since they may be secrets.
 */
public final class ConfigParser {
    static final List<String> TOP_LEVEL = List.of("settings", "providers", "policies", "routes", "users");
    private static final List<String> SETTINGS = List.of(
            "globalConcurrency", "globalQueue", "queueTimeoutMs", "maxBodyBytes", "logLanguage", "fallbackStatuses",
            "recordRetentionDays");
    private static final List<String> PROVIDER = List.of(
            "name", "openaiBaseUrl", "anthropicBaseUrl", "apiKeys", "models", "concurrency", "queue",
            "maxOutputTokens", "connectTimeoutMs", "firstByteTimeoutMs", "idleTimeoutMs");
    private static final List<String> POLICY = List.of("name", "mode", "text");
    private static final List<String> ROUTE = List.of(
            "name", "host", "path", "protocol", "provider", "model", "policy", "fallbackProvider", "fallbackModel");
    private static final List<String> USER = List.of("username", "role", "password", "enabled", "apiKeys");
    private static final List<String> API_KEY = List.of("name", "key", "concurrency", "enabled");

    // the JSON parser quotes an unquoted token of the document, which could be a secret
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads {@code file} (UTF-8); the format comes from its extension, else from its content. */
    public ConfigDocument parse(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(content, ConfigFormat.ofFileName(file).orElseGet(() -> ConfigFormat.sniff(content)));
    }

    /** Parses {@code content}, telling JSON from YAML by its first character. */
    public ConfigDocument parse(String content) {
        return parse(content, ConfigFormat.sniff(content));
    }

    public ConfigDocument parse(String content, ConfigFormat format) {
        JsonNode root = readTree(content, format);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigDocument(null, List.of(), List.of(), List.of(), List.of());
        }
        if (!root.isObject()) {
            throw new ConfigException("document: must be a mapping with " + String.join(", ", TOP_LEVEL));
        }
        Problems problems = new Problems();
        root.fieldNames().forEachRemaining(field -> {
            if (!TOP_LEVEL.contains(field)) {
                problems.add(field, "unknown top-level field (expected " + String.join(", ", TOP_LEVEL) + ")");
            }
        });
        Node doc = new Node(root, "", problems);
        ConfigDocument document = new ConfigDocument(
                doc.objectOrNull("settings", SETTINGS, this::settings),
                doc.objects("providers", PROVIDER).stream().map(this::provider).toList(),
                doc.objects("policies", POLICY).stream().map(this::policy).toList(),
                doc.objects("routes", ROUTE).stream().map(this::route).toList(),
                doc.objects("users", USER).stream().map(this::user).toList());
        problems.throwIfAny();
        return document;
    }

    private SettingsSpec settings(Node n) {
        return new SettingsSpec(n.integer("globalConcurrency"), n.integer("globalQueue"), n.longValue("queueTimeoutMs"),
                n.longValue("maxBodyBytes"), n.string("logLanguage"), n.integers("fallbackStatuses"),
                n.integer("recordRetentionDays"));
    }

    private ProviderSpec provider(Node n) {
        return new ProviderSpec(n.string("name"), n.string("openaiBaseUrl"), n.string("anthropicBaseUrl"),
                n.strings("apiKeys"), n.strings("models"), n.integer("concurrency"), n.integer("queue"),
                n.integer("maxOutputTokens"), n.longValue("connectTimeoutMs"), n.longValue("firstByteTimeoutMs"),
                n.longValue("idleTimeoutMs"));
    }

    private PolicySpec policy(Node n) {
        return new PolicySpec(n.string("name"), n.string("mode"), n.string("text"));
    }

    private RouteSpec route(Node n) {
        return new RouteSpec(n.string("name"), n.string("host"), n.string("path"), n.string("protocol"),
                n.string("provider"), n.string("model"), n.string("policy"), n.string("fallbackProvider"),
                n.string("fallbackModel"));
    }

    private UserSpec user(Node n) {
        List<ApiKeySpec> keys = n.objects("apiKeys", API_KEY).stream()
                .map(k -> new ApiKeySpec(k.string("name"), k.string("key"), k.integer("concurrency"), k.bool("enabled")))
                .toList();
        return new UserSpec(n.string("username"), n.string("role"), n.string("password"), n.bool("enabled"), keys);
    }

    private JsonNode readTree(String content, ConfigFormat format) {
        try {
            return (format == ConfigFormat.JSON ? json : yaml).readTree(content);
        } catch (JacksonException e) {
            throw new ConfigException(syntaxError(format, e));
        }
    }

    private static String syntaxError(ConfigFormat format, JacksonException e) {
        JsonLocation at = e.getLocation();
        String problem = e.getCause() instanceof MarkedYAMLException yamlError
                ? yamlError.getProblem() // the full message would quote the offending line
                : e.getOriginalMessage();
        problem = problem == null ? "invalid syntax" : UNRECOGNIZED_TOKEN.matcher(problem.lines().findFirst().orElse(""))
                .replaceAll("Unrecognized token");
        String where = at == null || at.getLineNr() < 1
                ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return format.name() + " syntax error" + where + ": " + problem;
    }

    /** Collects problems so that one run reports all of them. */
    static final class Problems {
        private final List<String> messages = new ArrayList<>();

        void add(String path, String message) {
            messages.add((path.isEmpty() ? "document" : path) + ": " + message);
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new ConfigException(messages);
            }
        }
    }

    /** A mapping of the document with its path; type errors are reported, never the values. */
    private static final class Node {
        private final JsonNode node;
        private final String path;
        private final Problems problems;

        Node(JsonNode node, String path, Problems problems) {
            this.node = node;
            this.path = path;
            this.problems = problems;
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        /** The field's node, or {@code null} when absent or explicitly null. */
        private JsonNode field(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value;
        }

        String string(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                problems.add(at(field), "must be a string (quote it)");
                return null;
            }
            return v.textValue();
        }

        Boolean bool(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isBoolean()) {
                problems.add(at(field), "must be true or false");
                return null;
            }
            return v.booleanValue();
        }

        Integer integer(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                problems.add(at(field), "must be an integer");
                return null;
            }
            return v.intValue();
        }

        Long longValue(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                problems.add(at(field), "must be an integer");
                return null;
            }
            return v.longValue();
        }

        List<String> strings(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                problems.add(at(field), "must be a list of strings");
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isTextual()) {
                    values.add(v.get(i).textValue());
                } else {
                    problems.add(at(field) + "[" + i + "]", "must be a string (quote it)");
                }
            }
            return values;
        }

        List<Integer> integers(String field) {
            JsonNode v = field(field);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                problems.add(at(field), "must be a list of integers");
                return null;
            }
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isIntegralNumber() && v.get(i).canConvertToInt()) {
                    values.add(v.get(i).intValue());
                } else {
                    problems.add(at(field) + "[" + i + "]", "must be an integer");
                }
            }
            return values;
        }

        Optional<Node> objectNode(JsonNode v, String where, List<String> allowed) {
            if (!v.isObject()) {
                problems.add(where, "must be a mapping");
                return Optional.empty();
            }
            v.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    problems.add(where + "." + name, "unknown field (expected " + String.join(", ", allowed) + ")");
                }
            });
            return Optional.of(new Node(v, where, problems));
        }

        /** A nested mapping, or {@code null} when absent or malformed. */
        <T> T objectOrNull(String field, List<String> allowed, Function<Node, T> read) {
            JsonNode v = field(field);
            return v == null ? null : objectNode(v, at(field), allowed).map(read).orElse(null);
        }

        List<Node> objects(String field, List<String> allowed) {
            JsonNode v = field(field);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                problems.add(at(field), "must be a list");
                return List.of();
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                objectNode(v.get(i), at(field) + "[" + i + "]", allowed).ifPresent(nodes::add);
            }
            return nodes;
        }
    }
}
