package io.promptgate.core;

/** A system prompt injected into every request of the routes that name it. */
public record PromptPolicy(long id, String name, PolicyMode mode, String text) {
}
