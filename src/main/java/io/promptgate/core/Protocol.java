package io.promptgate.core;

import java.util.Locale;

/** The two wire protocols a route can speak to its callers and a provider can expose as an exit. */
public enum Protocol {
    OPENAI("openai"),
    ANTHROPIC("anthropic");

    private final String wireName;

    Protocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration and records: {@code openai} or {@code anthropic}. */
    public String wireName() {
        return wireName;
    }

    public static Protocol parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Protocol p : values()) {
                if (p.wireName.equals(v)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + value + "' (expected openai or anthropic)");
    }
}
