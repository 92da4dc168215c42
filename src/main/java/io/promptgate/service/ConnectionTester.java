package io.promptgate.service;

import io.promptgate.security.SecretBox;
import io.promptgate.security.SecretBoxException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * "Test connection" for a provider: one {@code GET} of each exit's model list
 * ({@code <openaiBaseUrl>/models}, {@code <anthropicBaseUrl>/v1/models}) with the provider's
 * first upstream key. Reports status and latency only: response bodies are never read into the
 * report (an upstream may echo what it was sent), redirects are never followed, and the URL must
 * pass the {@link UpstreamUrlPolicy} at the time of the test.
 */
public final class ConnectionTester {
    static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Tests at once. A test holds its container thread for up to the timeouts above, and the
     * container has only a few threads per core (they also serve the gateway's calls).
     */
    static final int MAX_AT_ONCE = 2;

    private final Semaphore running = new Semaphore(MAX_AT_ONCE);

    private final SecretBox secrets;
    private final UpstreamUrlPolicy urls;

    public ConnectionTester(SecretBox secrets, UpstreamUrlPolicy urls) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.urls = Objects.requireNonNull(urls, "urls");
    }

    /** @throws ConflictException when {@link #MAX_AT_ONCE} tests are running already */
    Report test(Target target, boolean allowPrivate) {
        if (!running.tryAcquire()) {
            throw new ConflictException("tests_running", "Other connection tests are running; try again when they have finished.");
        }
        try {
            return testNow(target, allowPrivate);
        } finally {
            running.release();
        }
    }

    private Report testNow(Target target, boolean allowPrivate) {
        String key = null;
        String keyProblem = null;
        if (target.sealedKey() == null) {
            keyProblem = "the provider has no upstream key; tested without one";
        } else {
            try {
                key = secrets.decrypt(target.sealedKey());
            } catch (SecretBoxException e) {
                keyProblem = "the first upstream key cannot be decrypted with the current master key; tested without one";
            }
        }
        List<ExitResult> exits = new ArrayList<>();
        // a client per test, closed after it where the platform can (Java 21+), so no idle selector thread stays behind
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(MAX_CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        try {
            if (target.openaiBaseUrl() != null) {
                exits.add(check(client, "openai", target.openaiBaseUrl(), target.openaiBaseUrl() + "/models", key,
                        allowPrivate));
            }
            if (target.anthropicBaseUrl() != null) {
                exits.add(check(client, "anthropic", target.anthropicBaseUrl(), target.anthropicBaseUrl() + "/v1/models", key,
                        allowPrivate));
            }
        } finally {
            closeIfPossible(client);
        }
        boolean ok = !exits.isEmpty() && exits.stream().allMatch(ExitResult::ok);
        return new Report(target.name(), ok, exits, keyProblem);
    }

    private static void closeIfPossible(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing was pending: the tests above have ended
            }
        }
    }

    private ExitResult check(HttpClient client, String protocol, String baseUrl, String url, String key, boolean allowPrivate) {
        var problem = urls.problem(baseUrl, allowPrivate);
        if (problem.isPresent()) {
            return new ExitResult(protocol, baseUrl, false, null, null, "refused: base URL " + problem.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET()
                .header("Accept", "application/json");
        if (key != null) {
            if (protocol.equals("openai")) {
                request.header("Authorization", "Bearer " + key);
            } else {
                request.header("x-api-key", key);
            }
        }
        if (protocol.equals("anthropic")) {
            request.header("anthropic-version", "2023-06-01");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            long ms = (System.nanoTime() - start) / 1_000_000;
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new ExitResult(protocol, baseUrl, ok, status, ms, ok ? null : describe(status));
        } catch (HttpConnectTimeoutException e) {
            return failed(protocol, baseUrl, start, "connect timed out");
        } catch (HttpTimeoutException e) {
            return failed(protocol, baseUrl, start, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return failed(protocol, baseUrl, start, "connection refused or unreachable");
        } catch (IOException e) {
            return failed(protocol, baseUrl, start, "I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(protocol, baseUrl, start, "interrupted");
        }
    }

    private static ExitResult failed(String protocol, String baseUrl, long start, String error) {
        return new ExitResult(protocol, baseUrl, false, null, (System.nanoTime() - start) / 1_000_000, error);
    }

    private static String describe(int status) {
        return switch (status) {
            case 401, 403 -> "the upstream refused the key (HTTP " + status + ")";
            case 404 -> "no model list at this URL (HTTP 404): check the base URL";
            default -> "HTTP " + status + " from the upstream";
        };
    }

    /** What to test: the exits and the sealed first key (opened only here, only for the call). */
    record Target(String name, String openaiBaseUrl, String anthropicBaseUrl, String sealedKey) {
        @Override
        public String toString() {
            return "Target[" + name + "]";
        }
    }

    /** The outcome for one exit; {@code status} is null when no HTTP answer came. */
    public record ExitResult(String protocol, String baseUrl, boolean ok, Integer status, Long latencyMs, String error) {
    }

    public record Report(String provider, boolean ok, List<ExitResult> exits, String note) {
    }
}
