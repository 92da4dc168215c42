package io.promptgate.it;

import static io.promptgate.it.GatewayFixture.ALICE_KEY;
import static io.promptgate.it.GatewayFixture.ANTHROPIC_UPSTREAM_KEY;
import static io.promptgate.it.GatewayFixture.BOB_DISABLED_KEY;
import static io.promptgate.it.GatewayFixture.CODE_HOST;
import static io.promptgate.it.GatewayFixture.OPENAI_UPSTREAM_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import com.openai.models.models.ModelListParams;
import io.promptgate.testing.FakeReply;
import io.promptgate.testing.FakeUpstream;
import io.promptgate.testing.RecordedRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance: the packaged WAR, deployed as ROOT.war into a real, unmodified Tomcat 11 and
 * Tomcat 10.1 with only the environment variables of the configuration contract set
 * (PROMPTGATE_HOME, PROMPTGATE_CONFIG, PROMPTGATE_SECRET_KEY, PROMPTGATE_ADMIN_PASSWORD), serves
 * both protocols end to end to the official Java SDKs (openai-java, anthropic-java), streaming
 * and not, through Host-based routes; and no secret (upstream keys, caller keys, master key,
 * admin password) appears in clear in the database files, the logs or any response.
 *
 * <p>The whole class runs once per Tomcat version, on one container started for that version
 * (and one fake upstream), both closed when the version's tests are done. The last test stops
 * the container, so that every record, log line and WAL page is on disk, and then scans.
 *
 * <p>Host-based routing: the SDKs connect to 127.0.0.1 and send {@code Host: code.example.com} as
 * a per-request extra header. OkHttp (under both SDKs) only adds its own Host header when the
 * request has none, so the explicit one goes on the wire; the tests prove it with the route the
 * gateway picked (record row {@code host}, the model the upstream received).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TomcatVersion.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SdkTomcatIT {
    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RECORD_WAIT = Duration.ofSeconds(15);
    private static final String HOST = "Host";
    /** The four settings of the configuration contract, and nothing else. */
    private static final List<String> CONTRACT_ENV = List.of(TomcatContainer.PROMPTGATE_HOME, "PROMPTGATE_CONFIG",
            SharedTomcat.PROMPTGATE_SECRET_KEY, SharedTomcat.PROMPTGATE_ADMIN_PASSWORD);

    @Parameter
    private TomcatVersion version;
    private final ResponseTap tap = new ResponseTap();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayFixture fixture;
    private TomcatContainer tomcat;
    private AnthropicClient anthropic;
    private OpenAIClient openai;

    // ---- one container and one fake upstream per Tomcat version ----------------------------

    @BeforeParameterizedClassInvocation
    void startTomcat(TomcatVersion tomcatVersion) {
        String name = tomcatVersion.id() + "-sdk";
        fixture = new GatewayFixture(name);
        Path home = ItPaths.freshWorkDir(name + "-home");
        Map<String, String> env = new LinkedHashMap<>(fixture.environment(home));
        env.putAll(SharedTomcat.defaultEnv());
        try {
            tomcat = TomcatContainer.builder(tomcatVersion).name(name).env(env).start();
        } catch (RuntimeException | AssertionError e) {
            fixture.close();
            fixture = null;
            throw e;
        }
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl(tomcat.baseUrl())
                .apiKey(ALICE_KEY)
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .responseValidation(true)
                .addInterceptor(tap.anthropicInterceptor())
                .build();
        openai = OpenAIOkHttpClient.builder()
                .baseUrl(tomcat.baseUrl() + "/v1")
                .apiKey(ALICE_KEY)
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .responseValidation(true)
                .addInterceptor(tap.okHttpInterceptor())
                .build();
    }

    @AfterParameterizedClassInvocation
    void stopTomcat() {
        try {
            if (anthropic != null) {
                anthropic.close();
            }
            if (openai != null) {
                openai.close();
            }
        } finally {
            try {
                if (tomcat != null) {
                    tomcat.close();
                }
            } finally {
                if (fixture != null) {
                    fixture.close();
                }
            }
        }
    }

    @BeforeEach
    void resetUpstream() {
        upstream().reset();
    }

    private FakeUpstream upstream() {
        return fixture.upstream();
    }

    // ---- deployment ---------------------------------------------------------------------

    @Test
    @Order(1)
    void runsAsRootWarOfTheUnmodifiedDistributionWithOnlyTheContractEnvironment() throws Exception {
        assertThat(tomcat.env().keySet()).containsExactlyInAnyOrderElementsOf(CONTRACT_ENV);
        String log = tomcat.logText();
        assertThat(log).contains("Server version name:   Apache Tomcat/"
                + (version == TomcatVersion.TOMCAT_11 ? "11." : "10.1."));
        assertThat(log).contains("Deploying web application archive [" + tomcat.catalinaBase().resolve("webapps/ROOT.war") + "]");

        HttpResponse<String> health = send(HttpRequest.newBuilder(tomcat.uri("/healthz")).GET(), "GET /healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    // ---- Anthropic SDK --------------------------------------------------------------------

    @Test
    void anthropicMessageThroughTheHostRoute() {
        upstream().enqueue(FakeReply.ok().text("Hello from the code host").usage(12, 7));

        HttpResponseFor<Message> raw = anthropic.messages().withRawResponse().create(MessageCreateParams.builder()
                .model("claude-whatever-the-client-says")
                .maxTokens(256)
                .addUserMessage("hello code host")
                .putAdditionalHeader(HOST, CODE_HOST)
                .build());
        Message message = raw.parse();

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hello from the code host");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(7);

        RecordedRequest upstreamRequest = upstream().lastRequest();
        assertThat(upstreamRequest.path()).isEqualTo("/v1/messages");
        assertThat(upstreamRequest.model()).isEqualTo("claude-code-model");
        assertThat(upstreamRequest.header("x-api-key")).isEqualTo(ANTHROPIC_UPSTREAM_KEY);
        assertThat(upstreamRequest.hasHeader("authorization")).isFalse();
        assertThat(upstreamRequest.header("anthropic-version")).isNotBlank();

        Map<String, Object> record = record(anthropicRequestId(raw.headers()));
        assertThat(record).containsEntry("host", CODE_HOST).containsEntry("route", "code-messages")
                .containsEntry("provider", "anthropic-up").containsEntry("model", "claude-code-model")
                .containsEntry("username", "alice").containsEntry("status", 200);
        assertThat(number(record, "input_tokens")).isEqualTo(12);
        assertThat(number(record, "output_tokens")).isEqualTo(7);
        assertThat(number(record, "stream")).isZero();
    }

    @Test
    void anthropicStreamThroughTheHostRoute() {
        upstream().enqueue(FakeReply.ok().text("Streaming through Tomcat, 你好 😀").chunks(5).chunkGapMs(20).usage(21, 9));
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events;

        HttpResponseFor<StreamResponse<RawMessageStreamEvent>> raw = anthropic.messages().withRawResponse()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude-x")
                        .maxTokens(256)
                        .addUserMessage("stream from the code host")
                        .putAdditionalHeader(HOST, CODE_HOST)
                        .build());
        try (StreamResponse<RawMessageStreamEvent> stream = raw.parse()) {
            events = stream.stream().peek(accumulator::accumulate).collect(Collectors.toList());
        }
        Message message = accumulator.message();

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().values("content-type")).anySatisfy(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)).hasSize(5);
        assertThat(events).anyMatch(RawMessageStreamEvent::isMessageDelta);
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(message.content().get(0).asText().text()).isEqualTo("Streaming through Tomcat, 你好 😀");
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(21);
        assertThat(message.usage().outputTokens()).isEqualTo(9);

        RecordedRequest upstreamRequest = upstream().lastRequest();
        assertThat(upstreamRequest.model()).isEqualTo("claude-code-model");
        assertThat(upstreamRequest.json().path("stream").asBoolean()).isTrue();

        Map<String, Object> record = record(anthropicRequestId(raw.headers()));
        assertThat(record).containsEntry("host", CODE_HOST).containsEntry("route", "code-messages")
                .containsEntry("status", 200);
        assertThat(number(record, "input_tokens")).isEqualTo(21);
        assertThat(number(record, "output_tokens")).isEqualTo(9);
        assertThat(number(record, "stream")).isOne();
    }

    @Test
    void anthropicSdkThrowsUnauthorizedForAWrongKey() {
        AnthropicClient wrongKey = AnthropicOkHttpClient.builder()
                .baseUrl(tomcat.baseUrl())
                .apiKey("pg_wrong_" + version.id() + "_0123456789abcdefghijklmnop")
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .addInterceptor(tap.anthropicInterceptor())
                .build();
        try {
            com.anthropic.errors.UnauthorizedException e = catchThrowableOfType(
                    com.anthropic.errors.UnauthorizedException.class,
                    () -> wrongKey.messages().create(MessageCreateParams.builder()
                            .model("m").maxTokens(10).addUserMessage("let me in")
                            .putAdditionalHeader(HOST, CODE_HOST).build()));

            assertThat(e).as("UnauthorizedException from anthropic-java").isNotNull();
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.errorType()).hasValue(ErrorType.AUTHENTICATION_ERROR);
            assertThat(record(anthropicRequestId(e.headers()))).containsEntry("status", 401)
                    .containsEntry("route", "code-messages").containsEntry("host", CODE_HOST);
        } finally {
            wrongKey.close();
        }
        assertThat(upstream().requestCount()).isZero();
    }

    @Test
    void anthropicSdkThrowsRateLimitWithTheUpstreamMessage() {
        String upstreamMessage = "upstream says slow down on " + version.id();
        upstream().enqueue(FakeReply.error(429, upstreamMessage));

        com.anthropic.errors.RateLimitException e = catchThrowableOfType(
                com.anthropic.errors.RateLimitException.class,
                () -> anthropic.messages().create(MessageCreateParams.builder()
                        .model("m").maxTokens(10).addUserMessage("too fast")
                        .putAdditionalHeader(HOST, CODE_HOST).build()));

        assertThat(e).as("RateLimitException from anthropic-java").isNotNull();
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e).hasMessageContaining(upstreamMessage);
        assertThat(e.apiMessage()).hasValue(upstreamMessage);
        assertThat(upstream().requestCount()).isEqualTo(1);
        assertThat(record(anthropicRequestId(e.headers()))).containsEntry("status", 429)
                .containsEntry("route", "code-messages");
    }

    @Test
    void anthropicSdkGetsALargeAnswerWhole() {
        String text = "large answer on " + version.id() + " " + "0123456789".repeat(20_000); // beyond what the relay holds
        upstream().enqueue(FakeReply.ok().text(text).usage(3, 50_000));
        Message message = anthropic.messages().create(MessageCreateParams.builder()
                .model("m").maxTokens(60_000).addUserMessage("a long one").putAdditionalHeader(HOST, CODE_HOST).build());
        assertThat(message.content().get(0).asText().text()).isEqualTo(text);
        assertThat(message.usage().outputTokens()).isEqualTo(50_000);
    }

    @Test
    void anthropicSdkThrowsAServerErrorForAnAnswerCutOffHalfway() {
        upstream().enqueue(FakeReply.ok().dropAfterEvents(0)); // headers and half the JSON body, then the connection closes
        com.anthropic.errors.AnthropicServiceException e = catchThrowableOfType(
                com.anthropic.errors.AnthropicServiceException.class,
                () -> anthropic.messages().create(MessageCreateParams.builder()
                        .model("m").maxTokens(10).addUserMessage("cut me off").putAdditionalHeader(HOST, CODE_HOST).build()));
        assertThat(e).as("a clean error in the caller's shape, not a truncated body").isNotNull();
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(record(anthropicRequestId(e.headers()))).containsEntry("status", 502)
                .containsEntry("route", "code-messages");
    }

    @Test
    void aStreamWhoseUpstreamFallsSilentAfterItsHeadIs504NotAHang() throws Exception {
        upstream().enqueue(FakeReply.ok().firstByteDelayMs(3_000)); // the head at once, then nothing past the 800 ms idle limit
        HttpResponse<String> response = send(HttpRequest.newBuilder(tomcat.uri("/slow/v1/messages"))
                .header("x-api-key", ALICE_KEY)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")),
                "a stream that stalls before its first event");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(response.body()).contains("\"api_error\"");
        assertThat(record(response.headers().firstValue("x-request-id").orElseThrow()))
                .containsEntry("status", 504).containsEntry("error", "upstream_timeout");
    }

    // ---- OpenAI SDK -----------------------------------------------------------------------

    @Test
    void openAiCompletionThroughTheSuffixHostRoute() {
        upstream().enqueue(FakeReply.ok().text("Completed via the suffix route").usage(5, 4));

        com.openai.core.http.HttpResponseFor<ChatCompletion> raw = openai.chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("gpt-whatever")
                        .addUserMessage("hello suffix host")
                        .putAdditionalHeader(HOST, CODE_HOST)
                        .build());
        ChatCompletion completion = raw.parse();

        assertThat(raw.statusCode()).isEqualTo(200);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue("Completed via the suffix route");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(5);
        assertThat(usage.completionTokens()).isEqualTo(4);
        assertThat(usage.totalTokens()).isEqualTo(9);

        RecordedRequest upstreamRequest = upstream().lastRequest();
        assertThat(upstreamRequest.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstreamRequest.model()).isEqualTo("suffix-model");
        assertThat(upstreamRequest.header("authorization")).isEqualTo("Bearer " + OPENAI_UPSTREAM_KEY);

        Map<String, Object> record = record(openAiRequestId(raw.headers()));
        assertThat(record).containsEntry("host", CODE_HOST).containsEntry("route", "code-chat")
                .containsEntry("provider", "openai-up").containsEntry("model", "suffix-model")
                .containsEntry("status", 200);
        assertThat(number(record, "input_tokens")).isEqualTo(5);
        assertThat(number(record, "output_tokens")).isEqualTo(4);
        assertThat(number(record, "stream")).isZero();
    }

    @Test
    void openAiStreamWithoutUsageOptionGetsNoUsageButIsRecordedWithTokens() {
        upstream().enqueue(FakeReply.ok().text("one two three four five six").chunks(6).chunkGapMs(20).usage(8, 6));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        com.openai.core.http.HttpResponseFor<com.openai.core.http.StreamResponse<ChatCompletionChunk>> raw =
                openai.chat().completions().withRawResponse().createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-stream")
                        .addUserMessage("stream without usage")
                        .putAdditionalHeader(HOST, CODE_HOST)
                        .build());
        List<ChatCompletionChunk> chunks;
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            chunks = stream.stream().peek(accumulator::accumulate).collect(Collectors.toList());
        }
        ChatCompletion completion = accumulator.chatCompletion();

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(chunks).noneMatch(c -> c.usage().isPresent());
        assertThat(completion.choices().get(0).message().content()).hasValue("one two three four five six");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).isEmpty();

        RecordedRequest upstreamRequest = upstream().lastRequest();
        assertThat(upstreamRequest.model()).isEqualTo("suffix-model");
        // the gateway asked the upstream for usage on the caller's behalf
        assertThat(upstreamRequest.json().path("stream_options").path("include_usage").asBoolean()).isTrue();

        Map<String, Object> record = record(openAiRequestId(raw.headers()));
        assertThat(record).containsEntry("host", CODE_HOST).containsEntry("route", "code-chat").containsEntry("status", 200);
        assertThat(number(record, "input_tokens")).isEqualTo(8);
        assertThat(number(record, "output_tokens")).isEqualTo(6);
        assertThat(number(record, "stream")).isOne();
    }

    @Test
    void openAiStreamWithUsageOptionGetsTheUsageChunk() {
        upstream().enqueue(FakeReply.ok().text("usage please").chunks(2).usage(13, 2));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        com.openai.core.http.HttpResponseFor<com.openai.core.http.StreamResponse<ChatCompletionChunk>> raw =
                openai.chat().completions().withRawResponse().createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-stream")
                        .addUserMessage("stream with usage")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .putAdditionalHeader(HOST, CODE_HOST)
                        .build());
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion completion = accumulator.chatCompletion();

        assertThat(completion.choices().get(0).message().content()).hasValue("usage please");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow(() -> new AssertionError("no usage chunk reached the SDK"));
        assertThat(usage.promptTokens()).isEqualTo(13);
        assertThat(usage.completionTokens()).isEqualTo(2);
        assertThat(upstream().lastRequest().model()).isEqualTo("suffix-model");

        Map<String, Object> record = record(openAiRequestId(raw.headers()));
        assertThat(number(record, "input_tokens")).isEqualTo(13);
        assertThat(number(record, "output_tokens")).isEqualTo(2);
        assertThat(number(record, "stream")).isOne();
    }

    @Test
    void openAiSdkThrowsUnauthorizedForAWrongKey() {
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder()
                .baseUrl(tomcat.baseUrl() + "/v1")
                .apiKey("pg_wrong_" + version.id() + "_0123456789abcdefghijklmnop")
                .maxRetries(0)
                .timeout(SDK_TIMEOUT)
                .addInterceptor(tap.okHttpInterceptor())
                .build();
        try {
            com.openai.errors.UnauthorizedException e = catchThrowableOfType(
                    com.openai.errors.UnauthorizedException.class,
                    () -> wrongKey.chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("m").addUserMessage("let me in").putAdditionalHeader(HOST, CODE_HOST).build()));

            assertThat(e).as("UnauthorizedException from openai-java").isNotNull();
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.code()).hasValue("invalid_api_key");
            assertThat(record(openAiRequestId(e.headers()))).containsEntry("status", 401).containsEntry("route", "code-chat");
        } finally {
            wrongKey.close();
        }
        assertThat(upstream().requestCount()).isZero();
    }

    @Test
    void openAiSdkThrowsRateLimitWithTheUpstreamMessage() {
        String upstreamMessage = "upstream quota exhausted on " + version.id();
        upstream().enqueue(FakeReply.error(429, upstreamMessage));

        com.openai.errors.RateLimitException e = catchThrowableOfType(
                com.openai.errors.RateLimitException.class,
                () -> openai.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("m").addUserMessage("too fast").putAdditionalHeader(HOST, CODE_HOST).build()));

        assertThat(e).as("RateLimitException from openai-java").isNotNull();
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e).hasMessageContaining(upstreamMessage);
        assertThat(e.code()).hasValue("rate_limit_exceeded");
        assertThat(upstream().requestCount()).isEqualTo(1);
        assertThat(record(openAiRequestId(e.headers()))).containsEntry("status", 429).containsEntry("route", "code-chat");
    }

    @Test
    void openAiSdkListsTheModelsOfTheRoutesVisibleOnTheHost() {
        ModelListPage onCodeHost = openai.models().list(ModelListParams.builder().putAdditionalHeader(HOST, CODE_HOST).build());
        List<String> codeHostIds = onCodeHost.data().stream().map(Model::id).collect(Collectors.toList());
        assertThat(codeHostIds).contains("claude-code-model", "suffix-model", "gpt-up", "claude-up");
        assertThat(onCodeHost.data()).allSatisfy(m -> assertThat(m.ownedBy()).isEqualTo("promptgate"));

        ModelListPage onLoopback = openai.models().list();
        List<String> loopbackIds = onLoopback.data().stream().map(Model::id).collect(Collectors.toList());
        assertThat(loopbackIds).contains("gpt-up", "claude-up").doesNotContain("claude-code-model", "suffix-model");

        assertThat(upstream().requestCount()).isZero();
    }

    // ---- container limits -----------------------------------------------------------------

    @Test
    void fourKibKeyReachesTheGatewayAndIs401() throws Exception {
        String oversizedKey = "pg_" + "k".repeat(4 * 1024);
        HttpResponse<String> response = postMessagesWithKey(oversizedKey, "POST /v1/messages with a 4 KiB x-api-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"authentication_error\"").doesNotContain(oversizedKey.substring(0, 64));
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(record(requestId)).containsEntry("status", 401).containsEntry("route", "messages");
        assertThat(upstream().requestCount()).isZero();
    }

    @Test
    void headersOverTheConnectorLimitAreRefusedByTomcatWithoutEcho() throws Exception {
        // server.xml keeps Tomcat's 8 KiB header limit: each open connection holds that buffer
        String oversizedKey = "pg_" + "k".repeat(16 * 1024);
        HttpResponse<String> response = postMessagesWithKey(oversizedKey, "POST /v1/messages with a 16 KiB x-api-key");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain(oversizedKey.substring(0, 64)).doesNotContainIgnoringCase("tomcat");
        assertThat(upstream().requestCount()).isZero();
    }

    private HttpResponse<String> postMessagesWithKey(String key, String what) throws Exception {
        return send(HttpRequest.newBuilder(tomcat.uri("/v1/messages"))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")),
                what);
    }

    // ---- secrets: last, after every request of this version -------------------------------

    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretInTheDatabaseTheLogsOrAnyResponse() throws Exception {
        // at least one answered request of each protocol, whatever ran before
        upstream().reset();
        HttpResponseFor<Message> anthropicCall = anthropic.messages().withRawResponse().create(MessageCreateParams.builder()
                .model("m").maxTokens(10).addUserMessage("last call").putAdditionalHeader(HOST, CODE_HOST).build());
        assertThat(anthropicCall.parse().content()).isNotEmpty();
        com.openai.core.http.HttpResponseFor<ChatCompletion> openAiCall = openai.chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("m").addUserMessage("last call").putAdditionalHeader(HOST, CODE_HOST).build());
        assertThat(openAiCall.parse().choices()).isNotEmpty();
        String anthropicId = anthropicRequestId(anthropicCall.headers());
        String openAiId = openAiRequestId(openAiCall.headers());
        record(anthropicId);
        record(openAiId);
        Map<String, String> secrets = secrets();

        // while running: the database with its -wal / -shm files, the logs so far
        assertNoSecretInDataFiles(secrets);
        assertThat(tomcat.logText()).contains(anthropicId).contains(openAiId);
        assertNoSecretIn("logs of the running container", tomcat.logText(), secrets);

        // after a clean stop: every record flushed, every log line written (shutdown included)
        tomcat.stop();
        assertNoSecretInDataFiles(secrets);
        String logs = tomcat.logText();
        assertThat(logs).contains("requestId=" + anthropicId).contains("host=" + CODE_HOST);
        assertNoSecretIn("logs after shutdown", logs, secrets);
        String accessLog = accessLogText();
        assertThat(accessLog).as("Tomcat's access log keeps the calls the gateway does not record").contains("GET /healthz ");
        // a gateway call's line would end with its request id; what Tomcat refused itself (the
        // oversized header block above) never reached the gateway and stays, without one
        assertThat(accessLog).as("gateway calls: the gateway's own log line only")
                .doesNotContain(anthropicId).doesNotContain(openAiId).doesNotContain(" req_");

        List<ResponseTap.Captured> responses = tap.responses();
        assertThat(responses).as("responses taken from the SDKs and the JDK client").hasSizeGreaterThanOrEqualTo(4);
        assertThat(responses).anyMatch(r -> r.source().startsWith("anthropic-java"))
                .anyMatch(r -> r.source().startsWith("openai-java"));
        for (ResponseTap.Captured response : responses) {
            assertNoSecretIn("headers of " + response, response.headersText(), secrets);
            assertNoSecretIn("body of " + response, response.bodyText(), secrets);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Tomcat's access log files (localhost_access_log.*.txt, written by the shipped server.xml). */
    private String accessLogText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(tomcat.catalinaBase().resolve("logs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("localhost_access_log")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** Every secret of this installation, by name (the value never goes into a failure message). */
    private Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("caller key ALICE_KEY", ALICE_KEY);
        secrets.put("caller key BOB_DISABLED_KEY", BOB_DISABLED_KEY);
        secrets.put("upstream key OPENAI_UPSTREAM_KEY", OPENAI_UPSTREAM_KEY);
        secrets.put("upstream key ANTHROPIC_UPSTREAM_KEY", ANTHROPIC_UPSTREAM_KEY);
        secrets.put("PROMPTGATE_SECRET_KEY", tomcat.env().get(SharedTomcat.PROMPTGATE_SECRET_KEY));
        secrets.put("PROMPTGATE_ADMIN_PASSWORD", tomcat.env().get(SharedTomcat.PROMPTGATE_ADMIN_PASSWORD));
        return secrets;
    }

    private void assertNoSecretInDataFiles(Map<String, String> secrets) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tomcat.dataDir())) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("secret.key"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertThat(files.stream().map(f -> f.getFileName().toString())).contains("promptgate.db", "action.log");
        for (Path file : files) {
            // ISO-8859-1 maps every byte to one char: a plain substring search over the raw bytes
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertNoSecretIn(tomcat.dataDir().relativize(file).toString(), bytes, secrets);
        }
    }

    private static void assertNoSecretIn(String where, String text, Map<String, String> secrets) {
        secrets.forEach((name, value) -> {
            if (text.contains(value)) {
                throw new AssertionError(name + " appears in clear in " + where);
            }
        });
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(SDK_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        tap.add("java.net.http " + what, response);
        return response;
    }

    private Map<String, Object> record(String requestId) {
        return GatewayFixture.awaitRecord(tomcat.dataDir(), requestId, RECORD_WAIT);
    }

    private static long number(Map<String, Object> record, String column) {
        Object value = record.get(column);
        assertThat(value).as("column %s", column).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }

    private static String anthropicRequestId(com.anthropic.core.http.Headers headers) {
        List<String> ids = headers.values("x-request-id");
        assertThat(ids).as("x-request-id").hasSize(1);
        return ids.get(0);
    }

    private static String openAiRequestId(com.openai.core.http.Headers headers) {
        List<String> ids = headers.values("x-request-id");
        assertThat(ids).as("x-request-id").hasSize(1);
        return ids.get(0);
    }
}
