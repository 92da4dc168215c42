package io.promptgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FakeUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The protocol matrix's adapted rows driven by the official SDKs (used by the container tests). */
final class AdaptationSdkChecks {
    /** An OpenAI upstream's streamed tool call, split the way real upstreams split it. */
    static final String OPENAI_TOOL_CALL_STREAM = String.join("\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"Let me check.\"},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-up\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":12,\"total_tokens\":43}}",
            "data: [DONE]", "");

    private AdaptationSdkChecks() {
    }

    static AnthropicClient anthropic(String baseUrl, String key) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    static OpenAIClient openai(String baseUrl, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    /** Claude-Code style: a streamed tool call, then the tool-result turn, on an OpenAI-only upstream. */
    static void anthropicToolTurnsOnOpenAiExit(AnthropicClient client, FakeUpstream upstream) {
        upstream.enqueue(FakeReply.raw(200, "text/event-stream", OPENAI_TOOL_CALL_STREAM));
        Tool weather = Tool.builder().name("get_weather").description("Weather of a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                        .required(List.of("city")).build())
                .build();
        MessageCreateParams first = MessageCreateParams.builder().model("claude-sonnet").maxTokens(200)
                .system("You are Claude Code.").addTool(weather).addUserMessage("Weather in Paris?").build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(first)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message assistant = accumulator.message();
        assertThat(assistant.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(assistant.content()).anySatisfy(block -> assertThat(block.isText()).isTrue());
        ToolUseBlock toolUse = assistant.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().toString()).contains("Paris");
        assertThat(assistant.usage().outputTokens()).isEqualTo(12);

        var openAiRequest = upstream.lastRequest().json();
        assertThat(openAiRequest.path("tools").path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(openAiRequest.path("messages").path(0).path("role").asText()).isEqualTo("system");
        assertThat(openAiRequest.path("stream_options").path("include_usage").asBoolean()).isTrue();

        MessageCreateParams second = first.toBuilder().addMessage(assistant)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("sunny, 21 C").build())))
                .build();
        Message answer = client.messages().create(second);
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content().get(0).asText().text()).contains("gpt-up");
        var toolTurn = upstream.lastRequest().json().path("messages");
        boolean hasToolMessage = false;
        for (var m : toolTurn) {
            if ("tool".equals(m.path("role").asText())) {
                hasToolMessage = true;
                assertThat(m.path("tool_call_id").asText()).isEqualTo(toolUse.id());
                assertThat(m.path("content").asText()).contains("sunny");
            }
        }
        assertThat(hasToolMessage).as("tool_result became a role:tool message").isTrue();
    }

    /** The OpenAI SDK on an Anthropic-only upstream, streaming and not. */
    static void openAiOnAnthropicExit(OpenAIClient client, FakeUpstream upstream) {
        upstream.enqueue(FakeReply.ok().text("bonjour tout le monde").usage(17, 4));
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addSystemMessage("Be brief.").addUserMessage("hello").build());
        assertThat(completion.choices().get(0).message().content().orElseThrow()).contains("bonjour");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(17);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        var anthropicRequest = upstream.lastRequest().json();
        assertThat(anthropicRequest.path("system").toString()).contains("Be brief.");
        assertThat(anthropicRequest.path("max_tokens").asInt()).isPositive();
        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/messages");

        upstream.enqueue(FakeReply.ok().text("streamed words here").usage(9, 3));
        StringBuilder text = new StringBuilder();
        long[] usage = new long[2];
        try (var stream = client.chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hi")
                .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(u -> {
                    usage[0] = u.promptTokens();
                    usage[1] = u.completionTokens();
                });
            });
        }
        assertThat(text.toString()).isEqualTo("streamed words here");
        assertThat(usage).containsExactly(9, 3);
    }
}
