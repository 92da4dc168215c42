package io.promptgate.protocol.adapt;

/**
 * Choices a request translation cannot read from the body itself.
 *
 * @param maxCompletionTokens Anthropic → OpenAI: write {@code max_completion_tokens} instead of
 *                            {@code max_tokens} (OpenAI's reasoning models accept only the former)
 * @param reasoningEffort     Anthropic → OpenAI: turn {@code thinking.budget_tokens} into
 *                            {@code reasoning_effort}; off for upstreams that reject the field
 * @param defaultMaxTokens    OpenAI → Anthropic: {@code max_tokens} when the caller set neither
 *                            {@code max_tokens} nor {@code max_completion_tokens} (Anthropic
 *                            requires it); e.g. the provider's max-output-token setting
 */
public record RequestOptions(boolean maxCompletionTokens, boolean reasoningEffort, long defaultMaxTokens) {

    /** {@code max_tokens} of an OpenAI request without one, unless the caller supplies another. */
    public static final long DEFAULT_MAX_TOKENS = 4096;

    public RequestOptions {
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens must be positive: " + defaultMaxTokens);
        }
    }

    /** {@code max_tokens}, reasoning effort mapped, {@value #DEFAULT_MAX_TOKENS} default max tokens. */
    public static RequestOptions defaults() {
        return new RequestOptions(false, true, DEFAULT_MAX_TOKENS);
    }

    public RequestOptions withMaxCompletionTokens(boolean value) {
        return new RequestOptions(value, reasoningEffort, defaultMaxTokens);
    }

    public RequestOptions withReasoningEffort(boolean value) {
        return new RequestOptions(maxCompletionTokens, value, defaultMaxTokens);
    }

    public RequestOptions withDefaultMaxTokens(long value) {
        return new RequestOptions(maxCompletionTokens, reasoningEffort, value);
    }
}
