package io.promptgate.service;

import java.util.List;

/**
 * What a config import changed, one line per entity ({@code provider qwen-provider created}).
 * Holds no secret: generated keys are only counted.
 *
 * @param generatedKeys how many gateway keys were generated (and written to the generated-keys file)
 */
public record ImportResult(List<String> changes, int generatedKeys) {
    public ImportResult {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** One line for logs and the audit trail. */
    public String summary() {
        return changes.isEmpty() ? "no changes" : String.join("; ", changes);
    }
}
