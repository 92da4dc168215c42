package io.promptgate.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official SDKs, with strict response validation, accept what the fake upstream sends. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeUpstreamSdkTest {

    private static FakeUpstream upstream;
    private static OpenAIClient openai;
    private static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.started();
        openai = OpenAIOkHttpClient.builder()
                .baseUrl(upstream.openaiBaseUrl())
                .apiKey("sk-test")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .responseValidation(true)
                .build();
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl(upstream.anthropicBaseUrl())
                .apiKey("sk-ant-test")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .responseValidation(true)
                .build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        anthropic.close();
        upstream.close();
    }

    @Test
    void openAiChatCompletion() {
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("hello there").build());
        assertThat(completion.choices().get(0).message().content()).hasValue("[gpt-4o-mini] hello there");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(2);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
        assertThat(upstream.lastRequest().header("authorization")).isEqualTo("Bearer sk-test");
    }

    @Test
    void openAiStreamingWithUsage() {
        upstream.enqueue(FakeReply.ok().chunks(5));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("stream this please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        try (var stream = openai.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(completion.choices().get(0).message().content()).hasValue("[gpt-4o-mini] stream this please");
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(3);
    }

    @Test
    void openAiErrorBecomesTheSdksException() {
        upstream.enqueue(FakeReply.error(503, "try later"));
        assertThatThrownBy(() -> openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("m").addUserMessage("x").build()))
                .isInstanceOf(InternalServerException.class)
                .hasMessageContaining("try later");
    }

    @Test
    void anthropicMessage() {
        upstream.enqueue(FakeReply.ok().cacheTokens(10, 20));
        Message message = anthropic.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(100).addUserMessage("hi claude").build());
        assertThat(message.content().get(0).asText().text()).isEqualTo("[claude-sonnet-4-5] hi claude");
        assertThat(message.usage().inputTokens()).isEqualTo(2);
        assertThat(message.usage().cacheReadInputTokens()).hasValue(20L);
        // depending on its version the SDK sends the key as x-api-key or as a bearer token
        RecordedRequest recorded = upstream.lastRequest();
        assertThat(recorded.header("x-api-key") != null ? recorded.header("x-api-key") : recorded.header("authorization"))
                .endsWith("sk-ant-test");
        assertThat(recorded.hasHeader("anthropic-version")).isTrue();
    }

    @Test
    void anthropicStreaming() {
        upstream.enqueue(FakeReply.ok().chunks(4).text("Bonjour 你好 😀"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(MessageCreateParams.builder()
                .model("claude-sonnet-4-5").maxTokens(100).addUserMessage("stream please").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        assertThat(message.content().get(0).asText().text()).isEqualTo("Bonjour 你好 😀");
        assertThat(message.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void anthropicErrorBecomesTheSdksException() {
        upstream.enqueue(FakeReply.error(429, "slow down"));
        assertThatThrownBy(() -> anthropic.messages().create(MessageCreateParams.builder()
                .model("m").maxTokens(10).addUserMessage("x").build()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("slow down");
    }
}
