package io.promptgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.anthropic.AnthropicUsageTracker;
import io.promptgate.protocol.openai.OpenAiUsageTracker;
import io.promptgate.protocol.sse.SseEvent;
import io.promptgate.protocol.sse.SseParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeUpstreamTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static final String OPENAI_CHAT = """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"be brief"},
             {"role":"user","content":"first question"},{"role":"assistant","content":"an answer"},
             {"role":"user","content":[{"type":"text","text":"héllo 你好"},{"type":"text","text":" world"}]}]%s}""";

    private static final String ANTHROPIC_MESSAGES = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"system":"be brief",
             "messages":[{"role":"user","content":"Hi there, Claude"}]%s}""";

    private FakeUpstream upstream;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.started();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void openAiNonStreamingEchoesModelAndLastUserMessageWithUsage() throws Exception {
        HttpResponse<String> response = post(upstream.openaiBaseUrl() + "/chat/completions?trace=1", OPENAI_CHAT.formatted(""),
                "Authorization", "Bearer sk-upstream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req_fake_"));
        JsonNode body = json(response.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("[gpt-4o-mini] héllo 你好 world");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        // words of all messages: 2 + 2 + 2 + 3; words of the reply: 4
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(9);
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(4);
        assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(13);

        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        tracker.onResponseBody(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(9, 4));

        RecordedRequest recorded = upstream.lastRequest();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.query()).isEqualTo("trace=1");
        assertThat(recorded.header("AUTHORIZATION")).isEqualTo("Bearer sk-upstream");
        assertThat(recorded.header("content-type")).isEqualTo("application/json");
        assertThat(recorded.model()).isEqualTo("gpt-4o-mini");
        assertThat(recorded.bodyText()).isEqualTo(OPENAI_CHAT.formatted(""));
    }

    @Test
    void openAiStreamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        upstream.defaultReply(FakeReply.ok().chunks(4));
        List<SseEvent> events = stream(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(",\"stream\":true"));
        // role chunk, 4 content chunks, finish chunk, [DONE]
        assertThat(events).hasSize(7);
        assertThat(events.get(6).data()).isEqualTo("[DONE]");
        assertThat(json(events.get(0).data()).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(json(events.get(5).data()).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        StringBuilder text = new StringBuilder();
        for (SseEvent event : events.subList(1, 5)) {
            JsonNode chunk = json(event.data());
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.has("usage")).isFalse();
            text.append(chunk.at("/choices/0/delta/content").asText());
        }
        assertThat(text.toString()).isEqualTo("[gpt-4o-mini] héllo 你好 world");
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        events.forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void openAiStreamWithIncludeUsageEndsWithTheUsageChunk() throws Exception {
        List<SseEvent> events = stream(upstream.openaiBaseUrl() + "/chat/completions",
                OPENAI_CHAT.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertThat(events).hasSize(7);
        for (SseEvent event : events.subList(0, 5)) {
            assertThat(json(event.data()).get("usage").isNull()).isTrue();
        }
        JsonNode usageChunk = json(events.get(5).data());
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/prompt_tokens").asLong()).isEqualTo(9);
        assertThat(events.get(6).data()).isEqualTo("[DONE]");
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        events.forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(9, 4));
    }

    @Test
    void openAiUsageChunkCanBeForcedOrSuppressed() throws Exception {
        upstream.enqueue(FakeReply.ok().usageChunk(true).usage(7, 8), FakeReply.ok().usageChunk(false));
        List<SseEvent> forced = stream(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(",\"stream\":true"));
        assertThat(json(forced.get(forced.size() - 2).data()).at("/usage/completion_tokens").asLong()).isEqualTo(8);
        List<SseEvent> suppressed = stream(upstream.openaiBaseUrl() + "/chat/completions",
                OPENAI_CHAT.formatted(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        OpenAiUsageTracker tracker = new OpenAiUsageTracker();
        suppressed.forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void anthropicNonStreamingMessage() throws Exception {
        upstream.defaultReply(FakeReply.ok().cacheTokens(100, 2000));
        HttpResponse<String> response = post(upstream.anthropicBaseUrl() + "/v1/messages", ANTHROPIC_MESSAGES.formatted(""),
                "x-api-key", "sk-ant", "anthropic-version", "2023-06-01");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode body = json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("[claude-sonnet-4-5] Hi there, Claude");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        // system 2 words + message 3 words; reply 4 words
        assertThat(body.at("/usage/input_tokens").asLong()).isEqualTo(5);
        assertThat(body.at("/usage/output_tokens").asLong()).isEqualTo(4);
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        tracker.onResponseBody(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(2105, 4));
        assertThat(upstream.lastRequest().header("x-api-key")).isEqualTo("sk-ant");
    }

    @Test
    void anthropicStreamHasTheRealEventSequence() throws Exception {
        upstream.defaultReply(FakeReply.ok().chunks(2).text("Hello, 世界 😀!"));
        List<SseEvent> events = stream(upstream.anthropicBaseUrl() + "/v1/messages", ANTHROPIC_MESSAGES.formatted(",\"stream\":true"));
        assertThat(events).extracting(SseEvent::event).containsExactly(
                "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        for (SseEvent event : events) {
            assertThat(json(event.data()).get("type").asText()).isEqualTo(event.event());
        }
        String text = json(events.get(3).data()).at("/delta/text").asText() + json(events.get(4).data()).at("/delta/text").asText();
        assertThat(text).isEqualTo("Hello, 世界 😀!");
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        events.forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(5, 3));
    }

    @Test
    void anthropicStreamCanReportInputInMessageDelta() throws Exception {
        upstream.defaultReply(FakeReply.ok().usage(40, 9).cacheTokens(1, 2).inputTokensInMessageDelta());
        List<SseEvent> events = stream(upstream.anthropicBaseUrl() + "/v1/messages", ANTHROPIC_MESSAGES.formatted(",\"stream\":true"));
        assertThat(json(events.get(0).data()).at("/message/usage/input_tokens").asLong()).isZero();
        assertThat(json(events.get(events.size() - 2).data()).at("/usage/input_tokens").asLong()).isEqualTo(40);
        AnthropicUsageTracker tracker = new AnthropicUsageTracker();
        events.forEach(tracker::onEvent);
        assertThat(tracker.usage()).isEqualTo(new TokenUsage(43, 9));
    }

    @Test
    void anthropicCountTokensAndModelLists() throws Exception {
        HttpResponse<String> count = post(upstream.anthropicBaseUrl() + "/v1/messages/count_tokens", ANTHROPIC_MESSAGES.formatted(""));
        assertThat(json(count.body()).get("input_tokens").asLong()).isEqualTo(5);

        upstream.models("m1", "m2");
        HttpResponse<String> openAi = get(upstream.openaiBaseUrl() + "/models");
        assertThat(json(openAi.body()).get("object").asText()).isEqualTo("list");
        assertThat(json(openAi.body()).get("data").findValuesAsText("id")).containsExactly("m1", "m2");
        HttpResponse<String> anthropic = get(upstream.anthropicBaseUrl() + "/v1/models", "anthropic-version", "2023-06-01");
        assertThat(json(anthropic.body()).get("last_id").asText()).isEqualTo("m2");
    }

    @Test
    void openAiPrefixIsConfigurable() throws Exception {
        try (FakeUpstream custom = new FakeUpstream("/compatible-mode/v1").start()) {
            assertThat(custom.openaiBaseUrl()).isEqualTo(custom.baseUrl() + "/compatible-mode/v1");
            HttpResponse<String> response = post(custom.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(""));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(post(custom.baseUrl() + "/v1/chat/completions", OPENAI_CHAT.formatted("")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void scriptedErrorsComeInTheProvidersShapeOnceEach() throws Exception {
        upstream.enqueue(FakeReply.error(429).header("Retry-After", "7"), FakeReply.error(529, "Overloaded"),
                FakeReply.json(503, "{\"custom\":true}"));

        HttpResponse<String> rateLimited = post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(""));
        assertThat(rateLimited.statusCode()).isEqualTo(429);
        assertThat(rateLimited.headers().firstValue("retry-after")).hasValue("7");
        assertThat(json(rateLimited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(json(rateLimited.body()).at("/error/message").asText()).isEqualTo("fake upstream error 429");

        HttpResponse<String> overloaded = post(upstream.anthropicBaseUrl() + "/v1/messages", ANTHROPIC_MESSAGES.formatted(",\"stream\":true"));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(json(overloaded.body()).get("type").asText()).isEqualTo("error");
        assertThat(json(overloaded.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(json(overloaded.body()).at("/error/message").asText()).isEqualTo("Overloaded");

        HttpResponse<String> raw = post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(""));
        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(raw.body()).isEqualTo("{\"custom\":true}");

        assertThat(post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")).statusCode()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(4);
    }

    @Test
    void malformedRequestsGetTheirProvidersErrors() throws Exception {
        HttpResponse<String> notJson = post(upstream.openaiBaseUrl() + "/chat/completions", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> wrongMethod = get(upstream.anthropicBaseUrl() + "/v1/messages");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod.body()).get("type").asText()).isEqualTo("error");
        HttpResponse<String> unknown = post(upstream.baseUrl() + "/v2/other", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/message").asText()).contains("/v2/other");
    }

    @Test
    void redirectIsAnsweredAndNotFollowedByAClientThatDoesNot() throws Exception {
        upstream.enqueue(FakeReply.redirect(upstream.baseUrl() + "/elsewhere"));
        HttpResponse<String> response = post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(""));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).hasValue(upstream.baseUrl() + "/elsewhere");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void headerDelayHoldsBackTheWholeResponse() throws Exception {
        upstream.defaultReply(FakeReply.ok().headerDelayMs(400));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = CLIENT.send(postRequest(upstream.openaiBaseUrl() + "/chat/completions",
                OPENAI_CHAT.formatted("")), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(elapsedMs(start)).isGreaterThanOrEqualTo(380);
        response.body().close();
    }

    @Test
    void firstByteDelaySendsHeadersFirst() throws Exception {
        upstream.defaultReply(FakeReply.ok().firstByteDelayMs(1200));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = CLIENT.send(postRequest(upstream.anthropicBaseUrl() + "/v1/messages",
                ANTHROPIC_MESSAGES.formatted(",\"stream\":true")), HttpResponse.BodyHandlers.ofInputStream());
        long headersMs = elapsedMs(start);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try (InputStream body = response.body()) {
            assertThat(body.read()).isNotNegative();
        }
        assertThat(headersMs).isLessThan(900);
        assertThat(elapsedMs(start)).isGreaterThanOrEqualTo(1180);
    }

    @Test
    void chunksArriveWithTheConfiguredGap() throws Exception {
        upstream.defaultReply(FakeReply.ok().chunks(5).chunkGapMs(80));
        List<Long> arrivals = new ArrayList<>();
        long start = System.nanoTime();
        streamInto(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted(",\"stream\":true"),
                e -> arrivals.add(elapsedMs(start)));
        assertThat(arrivals).hasSize(8);
        // content chunks 1..5 each wait 80 ms
        assertThat(arrivals.get(5) - arrivals.get(0)).isGreaterThanOrEqualTo(5 * 80 - 20);
        assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThanOrEqualTo(60);
    }

    @Test
    void stallMidStreamPausesBetweenTwoEvents() throws Exception {
        upstream.defaultReply(FakeReply.ok().stallAfterEvents(3, 500));
        List<Long> arrivals = new ArrayList<>();
        long start = System.nanoTime();
        streamInto(upstream.anthropicBaseUrl() + "/v1/messages", ANTHROPIC_MESSAGES.formatted(",\"stream\":true"),
                e -> arrivals.add(elapsedMs(start)));
        assertThat(arrivals).hasSize(9);
        assertThat(arrivals.get(3) - arrivals.get(2)).isGreaterThanOrEqualTo(480);
        assertThat(arrivals.get(2) - arrivals.get(0)).isLessThan(arrivals.get(3) - arrivals.get(2));
    }

    @Test
    void dropMidStreamBreaksTheResponseAfterTheEventsSent() throws Exception {
        upstream.defaultReply(FakeReply.ok().dropAfterEvents(2));
        List<SseEvent> received = new ArrayList<>();
        assertThatThrownBy(() -> streamInto(upstream.openaiBaseUrl() + "/chat/completions",
                OPENAI_CHAT.formatted(",\"stream\":true"), received::add)).isInstanceOf(IOException.class);
        assertThat(received).hasSize(2);
    }

    @Test
    void dropHalfwayThroughAJsonBody() {
        upstream.defaultReply(FakeReply.ok().dropAfterEvents(0));
        assertThatThrownBy(() -> post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void dropBeforeAnyByte() {
        upstream.enqueue(FakeReply.dropConnection());
        assertThatThrownBy(() -> post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")))
                .isInstanceOf(IOException.class);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void countsConcurrentRequestsWhileTheyAreHeld() throws Exception {
        upstream.defaultReply(FakeReply.ok().holdUntilReleased());
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CLIENT.sendAsync(postRequest(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")),
                    HttpResponse.BodyHandlers.ofString()));
        }
        upstream.awaitRequests(4, Duration.ofSeconds(10));
        assertThat(upstream.inFlight()).isEqualTo(4);
        assertThat(upstream.maxConcurrent()).isEqualTo(4);
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        upstream.releaseHeld();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(upstream.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(upstream.maxConcurrent()).isEqualTo(4);

        upstream.reset();
        assertThat(upstream.maxConcurrent()).isZero();
        assertThat(upstream.requests()).isEmpty();
        assertThat(post(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")).statusCode()).isEqualTo(200);
        assertThat(upstream.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void closeEndsStalledRequestsAtOnce() throws Exception {
        upstream.defaultReply(FakeReply.ok().headerDelayMs(60_000));
        CompletableFuture<HttpResponse<String>> call = CLIENT.sendAsync(
                postRequest(upstream.openaiBaseUrl() + "/chat/completions", OPENAI_CHAT.formatted("")),
                HttpResponse.BodyHandlers.ofString());
        upstream.awaitRequests(1, Duration.ofSeconds(5));
        long start = System.nanoTime();
        upstream.close();
        assertThat(elapsedMs(start)).isLessThan(5_000);
        assertThat(call).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aPortWithNothingListeningRefusesConnections() {
        String url = FreePorts.unreachableBaseUrl() + "/v1/chat/completions";
        assertThatThrownBy(() -> post(url, "{}")).isInstanceOf(ConnectException.class);
        assertThat(FreePorts.find()).isBetween(1, 65535);
    }

    // ---- helpers ----

    private static HttpRequest postRequest(String url, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        return CLIENT.send(postRequest(url, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<SseEvent> stream(String url, String body) throws Exception {
        List<SseEvent> events = new ArrayList<>();
        streamInto(url, body, events::add);
        return events;
    }

    // parses the response as it arrives, handing each event over as soon as it is complete; a
    // subscriber (unlike the JDK's InputStream) sees every byte that arrived before a failure
    private static void streamInto(String url, String body, SseParser.Listener listener) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SseParser parser = new SseParser(listener);
        Flow.Subscriber<List<ByteBuffer>> feeder = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                parser.feed(buffers);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                parser.finish();
                done.complete(null);
            }
        };
        HttpResponse<Void> response = CLIENT.send(postRequest(url, body), HttpResponse.BodyHandlers.fromSubscriber(feeder));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static JsonNode json(String text) throws IOException {
        return FakeWireFormats.MAPPER.readTree(text);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
