package io.promptgate.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.JsonScan;
import io.promptgate.protocol.UsageTracker;
import io.promptgate.protocol.sse.SseEvent;

import java.io.IOException;
import java.util.Set;

/**
 * Usage of an Anthropic Messages response. Input counts {@code input_tokens} plus
 * {@code cache_creation_input_tokens} plus {@code cache_read_input_tokens}. A stream reports it in
 * {@code message_start.message.usage}, then {@code message_delta.usage}, whose
 * {@code output_tokens} is cumulative; each count a later event carries replaces the earlier one
 * (some upstreams put {@code input_tokens} only in {@code message_delta}).
 */
public final class AnthropicUsageTracker implements UsageTracker {

    private static final Set<String> BODY_FIELDS = Set.of("usage");
    private static final Set<String> EVENT_FIELDS = Set.of("type", "message", "usage");

    private long input;
    private long cacheCreation;
    private long cacheRead;
    private long output;
    private volatile TokenUsage usage = TokenUsage.NONE;

    @Override
    public void onResponseBody(byte[] json) {
        if (json == null) {
            return;
        }
        try {
            ObjectNode picked = JsonScan.pick(json, BODY_FIELDS);
            if (picked != null) {
                apply(picked.get("usage"));
            }
        } catch (IOException | RuntimeException malformed) {
            // not our problem to report: the body goes to the caller as it is
        }
    }

    @Override
    public void onEvent(SseEvent event) {
        String name = event.event();
        // only two event types carry usage; unnamed events are checked by their "type"
        if (name != null && !name.equals("message_start") && !name.equals("message_delta")) {
            return;
        }
        try {
            ObjectNode picked = JsonScan.pick(event.data(), EVENT_FIELDS);
            if (picked == null) {
                return;
            }
            String type = picked.path("type").asText("");
            if (type.equals("message_start")) {
                apply(picked.path("message").get("usage"));
            } else if (type.equals("message_delta")) {
                apply(picked.get("usage"));
            }
        } catch (IOException | RuntimeException malformed) {
            // ignored, see onResponseBody
        }
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }

    private void apply(JsonNode u) {
        if (u == null || !u.isObject()) {
            return;
        }
        Long in = JsonScan.count(u.get("input_tokens"));
        Long creation = JsonScan.count(u.get("cache_creation_input_tokens"));
        Long read = JsonScan.count(u.get("cache_read_input_tokens"));
        Long out = JsonScan.count(u.get("output_tokens"));
        if (in == null && creation == null && read == null && out == null) {
            return;
        }
        if (in != null) {
            input = in;
        }
        if (creation != null) {
            cacheCreation = creation;
        }
        if (read != null) {
            cacheRead = read;
        }
        if (out != null) {
            output = out;
        }
        usage = new TokenUsage(input + cacheCreation + cacheRead, output);
    }
}
