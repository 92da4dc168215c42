package io.promptgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;

/**
 * A provider's max-output-token policy: caps the caller's value and supplies it when absent
 * (an Anthropic upstream requires {@code max_tokens}).
 */
public final class OutputTokenPolicy {
    private OutputTokenPolicy() {
    }

    /** @param limit the provider's cap, or {@code null} for no policy */
    public static void apply(Protocol exit, ObjectNode body, Integer limit) {
        if (limit == null || limit <= 0) {
            return;
        }
        if (exit == Protocol.OPENAI && body.has("max_completion_tokens")) {
            cap(body, "max_completion_tokens", limit);
            if (body.has("max_tokens")) {
                cap(body, "max_tokens", limit);
            }
            return;
        }
        cap(body, "max_tokens", limit);
    }

    private static void cap(ObjectNode body, String field, int limit) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isIntegralNumber() && value.asLong() > limit)) {
            body.put(field, limit);
        }
        // anything else (a smaller value, or one the upstream will reject) is the caller's to keep
    }
}
