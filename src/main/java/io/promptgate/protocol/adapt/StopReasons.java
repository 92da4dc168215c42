package io.promptgate.protocol.adapt;

/** Why generation stopped, in each protocol's words. */
final class StopReasons {

    private StopReasons() {
    }

    /**
     * Anthropic {@code stop_reason} for an OpenAI {@code finish_reason}: stop → end_turn, length →
     * max_tokens, tool_calls (and the legacy function_call) → tool_use, content_filter → refusal;
     * missing or unknown → end_turn.
     */
    static String toAnthropic(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * OpenAI {@code finish_reason} for an Anthropic {@code stop_reason}: end_turn, stop_sequence,
     * pause_turn → stop; max_tokens, model_context_window_exceeded → length; tool_use →
     * tool_calls; refusal → content_filter; missing or unknown → stop.
     */
    static String toOpenAi(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * Some OpenAI-compatible upstreams finish a turn that called tools with {@code stop}; an
     * Anthropic client loops on {@code tool_use}, so a turn with tool calls that "ended" says so.
     */
    static String withTools(String anthropicStopReason, boolean hasToolUse) {
        return hasToolUse && "end_turn".equals(anthropicStopReason) ? "tool_use" : anthropicStopReason;
    }
}
