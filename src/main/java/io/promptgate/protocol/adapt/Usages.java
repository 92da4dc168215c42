package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.Json;
import io.promptgate.protocol.JsonScan;

/**
 * Token counts in both protocols' shapes. OpenAI's {@code prompt_tokens} include cached tokens;
 * Anthropic's {@code input_tokens} do not (cache reads and writes are counted apart), so
 * prompt = input + cache read + cache creation.
 */
final class Usages {

    /**
     * One response's counts.
     *
     * @param prompt        every prompt token, cached ones included
     * @param cacheRead     prompt tokens read from a cache
     * @param cacheCreation prompt tokens written to a cache (Anthropic only)
     * @param completion    output tokens
     */
    record Counts(long prompt, long cacheRead, long cacheCreation, long completion) {

        static final Counts ZERO = new Counts(0, 0, 0, 0);

        /** Anthropic's {@code input_tokens}: the prompt tokens that were neither read nor written to a cache. */
        long uncachedInput() {
            return Math.max(0, prompt - cacheRead - cacheCreation);
        }

        TokenUsage tokenUsage() {
            return new TokenUsage(prompt, completion);
        }

        /** Anthropic {@code usage}: input (uncached), cache creation, cache read, output. */
        ObjectNode anthropic() {
            ObjectNode usage = Json.MAPPER.createObjectNode();
            usage.put("input_tokens", uncachedInput());
            usage.put("cache_creation_input_tokens", cacheCreation);
            usage.put("cache_read_input_tokens", cacheRead);
            usage.put("output_tokens", completion);
            return usage;
        }

        /** OpenAI {@code usage}: prompt, completion, total and the cached part of the prompt. */
        ObjectNode openAi() {
            ObjectNode usage = Json.MAPPER.createObjectNode();
            usage.put("prompt_tokens", prompt);
            usage.put("completion_tokens", completion);
            usage.put("total_tokens", prompt + completion);
            usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
            return usage;
        }
    }

    private Usages() {
    }

    /**
     * The counts of an OpenAI {@code usage} object, or {@code null} when it is not one or carries
     * neither prompt nor completion tokens. A missing one of the two is derived from
     * {@code total_tokens}; cached tokens come from {@code prompt_tokens_details.cached_tokens}
     * (or DeepSeek's {@code prompt_cache_hit_tokens}).
     */
    static Counts fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Long prompt = JsonScan.count(usage.get("prompt_tokens"));
        Long completion = JsonScan.count(usage.get("completion_tokens"));
        Long total = JsonScan.count(usage.get("total_tokens"));
        if (completion == null && prompt != null && total != null && total >= prompt) {
            completion = total - prompt;
        }
        if (prompt == null && completion != null && total != null && total >= completion) {
            prompt = total - completion;
        }
        if (prompt == null && completion == null) {
            return null;
        }
        Long cached = JsonScan.count(usage.path("prompt_tokens_details").get("cached_tokens"));
        if (cached == null) {
            cached = JsonScan.count(usage.get("prompt_cache_hit_tokens"));
        }
        long p = prompt == null ? 0 : prompt;
        long c = cached == null ? 0 : Math.min(cached, p);
        return new Counts(p, c, 0, completion == null ? 0 : completion);
    }

    /** The counts of an Anthropic {@code usage} object, or {@code null} when it is not one. */
    static Counts fromAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long input = AdaptJson.count(usage.get("input_tokens"));
        long creation = AdaptJson.count(usage.get("cache_creation_input_tokens"));
        long read = AdaptJson.count(usage.get("cache_read_input_tokens"));
        long output = AdaptJson.count(usage.get("output_tokens"));
        return new Counts(input + creation + read, read, creation, output);
    }
}
