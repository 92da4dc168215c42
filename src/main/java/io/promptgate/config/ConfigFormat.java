package io.promptgate.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two syntaxes of the declarative config document. */
public enum ConfigFormat {
    YAML, JSON;

    /** By file extension: {@code .json} is JSON, {@code .yaml}/{@code .yml} YAML, anything else unknown. */
    public static Optional<ConfigFormat> ofFileName(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return Optional.of(JSON);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        return Optional.empty();
    }

    /** By content: a document whose first non-blank character is <code>{</code> is JSON, anything else YAML. */
    public static ConfigFormat sniff(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            return c == '{' ? JSON : YAML;
        }
        return YAML;
    }
}
