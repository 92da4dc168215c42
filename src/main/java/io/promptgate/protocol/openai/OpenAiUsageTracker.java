package io.promptgate.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.JsonScan;
import io.promptgate.protocol.UsageTracker;
import io.promptgate.protocol.sse.SseEvent;

import java.io.IOException;
import java.util.Set;

/**
 * Usage of an OpenAI Chat Completions response: {@code usage.prompt_tokens} /
 * {@code usage.completion_tokens} of the body, or of the stream chunk whose {@code usage} is not
 * null (the last one wins, for upstreams that report running totals on every chunk).
 */
public final class OpenAiUsageTracker implements UsageTracker {

    private static final Set<String> USAGE = Set.of("usage");

    private volatile TokenUsage usage = TokenUsage.NONE;

    @Override
    public void onResponseBody(byte[] json) {
        if (json == null) {
            return;
        }
        try {
            apply(JsonScan.pick(json, USAGE));
        } catch (IOException | RuntimeException malformed) {
            // not our problem to report: the body goes to the caller as it is
        }
    }

    @Override
    public void onEvent(SseEvent event) {
        String data = event.data();
        // cheap filter: most chunks of a stream without include_usage never mention it
        if (data.indexOf("\"usage\"") < 0) {
            return;
        }
        try {
            apply(JsonScan.pick(data, USAGE));
        } catch (IOException | RuntimeException malformed) {
            // ignored, see onResponseBody
        }
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }

    private void apply(ObjectNode picked) {
        if (picked == null) {
            return;
        }
        JsonNode u = picked.get("usage");
        if (u == null || !u.isObject()) {
            return;
        }
        Long prompt = JsonScan.count(u.get("prompt_tokens"));
        Long completion = JsonScan.count(u.get("completion_tokens"));
        Long total = JsonScan.count(u.get("total_tokens"));
        // some compatible upstreams leave out one of the two; derive it from the total
        if (completion == null && prompt != null && total != null && total >= prompt) {
            completion = total - prompt;
        }
        if (prompt == null && completion != null && total != null && total >= completion) {
            prompt = total - completion;
        }
        if (prompt == null && completion == null) {
            return;
        }
        usage = new TokenUsage(prompt == null ? 0 : prompt, completion == null ? 0 : completion);
    }
}
