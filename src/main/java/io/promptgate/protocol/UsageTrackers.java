package io.promptgate.protocol;

import io.promptgate.core.Protocol;
import io.promptgate.protocol.anthropic.AnthropicUsageTracker;
import io.promptgate.protocol.openai.OpenAiUsageTracker;

/** Picks the usage tracker for the protocol an upstream answers in. */
public final class UsageTrackers {

    private UsageTrackers() {
    }

    public static UsageTracker forUpstream(Protocol upstreamProtocol) {
        return switch (upstreamProtocol) {
            case OPENAI -> new OpenAiUsageTracker();
            case ANTHROPIC -> new AnthropicUsageTracker();
        };
    }
}
