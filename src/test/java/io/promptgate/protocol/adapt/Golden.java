package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The golden fixtures under {@code src/test/resources/protocol/adapt} (see the README there). */
final class Golden {

    static final String ROOT = "/protocol/adapt";

    private Golden() {
    }

    /** One fixture: a JSON case file, or a stream case ({@code .in.sse}, {@code .out.sse}, optional {@code .json}). */
    record Case(String folder, String name, Path dir) {
        @Override
        public String toString() {
            return folder + "/" + name;
        }

        JsonNode json() {
            Path file = dir.resolve(name + ".json");
            if (!Files.exists(file)) {
                return Json.MAPPER.createObjectNode();
            }
            try {
                return Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean exists(String suffix) {
            return Files.exists(dir.resolve(name + suffix));
        }

        byte[] bytes(String suffix) {
            try {
                return Files.readAllBytes(dir.resolve(name + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes what the translator produced next to the build output, for diffing and review. */
        Path writeActual(String suffix, byte[] content) {
            Path out = Path.of("target", "golden-actual", folder, name + suffix);
            try {
                Files.createDirectories(out.getParent());
                Files.write(out, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }

    static Stream<Case> jsonCases(String folder) {
        return list(folder, ".json");
    }

    static Stream<Case> streamCases(String folder) {
        return list(folder, ".in.sse");
    }

    private static Stream<Case> list(String folder, String suffix) {
        Path dir = folderPath(folder);
        try (Stream<Path> files = Files.list(dir)) {
            List<Case> cases = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .sorted()
                    .map(n -> new Case(folder, n.substring(0, n.length() - suffix.length()), dir))
                    .toList();
            if (cases.isEmpty()) {
                throw new IllegalStateException("no fixtures in " + dir);
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path folderPath(String folder) {
        URL url = Golden.class.getResource(ROOT + "/" + folder);
        if (url == null) {
            throw new IllegalStateException("no fixture folder " + ROOT + "/" + folder);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<SseEvent> events(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(stream);
        parser.finish();
        return events;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static JsonNode parse(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request options from a case's {@code options} object; defaults for what it leaves out. */
    static RequestOptions options(JsonNode caseJson) {
        RequestOptions options = RequestOptions.defaults();
        JsonNode o = caseJson.path("options");
        if (o.has("maxCompletionTokens")) {
            options = options.withMaxCompletionTokens(o.get("maxCompletionTokens").booleanValue());
        }
        if (o.has("reasoningEffort")) {
            options = options.withReasoningEffort(o.get("reasoningEffort").booleanValue());
        }
        if (o.has("defaultMaxTokens")) {
            options = options.withDefaultMaxTokens(o.get("defaultMaxTokens").longValue());
        }
        return options;
    }

    static ObjectNode object(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected a JSON object, got " + node);
        }
        return object;
    }
}
