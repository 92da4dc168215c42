package io.promptgate.bench;

import java.util.List;

/**
 * The mock upstream's answers in the OpenAI chat completions and Anthropic messages wire
 * formats, usage included. Fixed ids and timestamps: identical requests get identical bytes.
 */
final class WireFormats {
    static final int PROMPT_TOKENS = 25;
    /** ~600 characters of answer text: the non-streaming bodies come to about 1 KiB. */
    static final String TEXT = ("PromptGate benchmark answer. " + "The quick brown fox jumps over the lazy dog. ".repeat(13)).trim();
    static final int TEXT_TOKENS = 128;

    private WireFormats() {
    }

    // ---- OpenAI chat completions --------------------------------------------------------------

    static String openaiCompletion() {
        return "{\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion\",\"created\":1767225600,"
                + "\"model\":\"" + MockUpstream.MODEL + "\",\"system_fingerprint\":\"fp_bench\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + TEXT + "\","
                + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + TEXT_TOKENS
                + ",\"total_tokens\":" + (PROMPT_TOKENS + TEXT_TOKENS) + ","
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
                + "\"service_tier\":\"default\"}";
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                + "\"model\":\"" + MockUpstream.MODEL + "\",\"system_fingerprint\":\"fp_bench\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    static List<String> openaiOpening() {
        return List.of(chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null));
    }

    static String openaiContent(int i) {
        return chunk("{\"content\":\"" + token(i) + "\"}", null);
    }

    static List<String> openaiClosing(int chunks, boolean includeUsage) {
        String finish = chunk("{}", "stop");
        if (!includeUsage) {
            return List.of(finish, "data: [DONE]\n\n");
        }
        String usage = "data: {\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                + "\"model\":\"" + MockUpstream.MODEL + "\",\"system_fingerprint\":\"fp_bench\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + chunks
                + ",\"total_tokens\":" + (PROMPT_TOKENS + chunks) + "}}\n\n";
        return List.of(finish, usage, "data: [DONE]\n\n");
    }

    // ---- Anthropic messages ---------------------------------------------------------------------

    static String anthropicMessage() {
        return "{\"id\":\"msg_bench0001\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MockUpstream.MODEL + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + PROMPT_TOKENS + ",\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0,\"output_tokens\":" + TEXT_TOKENS + ",\"service_tier\":\"standard\"}}";
    }

    static List<String> anthropicOpening() {
        return List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench0001\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MockUpstream.MODEL + "\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + PROMPT_TOKENS
                        + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    }

    static String anthropicContent(int i) {
        return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + token(i) + "\"}}\n\n";
    }

    static List<String> anthropicClosing(int chunks) {
        return List.of(
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + chunks + "}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    private static String token(int i) {
        return "token" + i + " ";
    }
}
