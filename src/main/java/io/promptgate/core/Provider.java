package io.promptgate.core;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An upstream provider with its exits. An OpenAI base URL includes its version segment
 * ({@code https://api.openai.com/v1}); an Anthropic base URL does not ({@code https://api.anthropic.com}).
 *
 * @param maxOutputTokens cap (and default) for the request's max tokens; {@code null} means no policy
 */
public record Provider(
        long id,
        String name,
        URI openaiBaseUrl,
        URI anthropicBaseUrl,
        List<String> models,
        int concurrency,
        int queue,
        Integer maxOutputTokens,
        Duration connectTimeout,
        Duration firstByteTimeout,
        Duration idleTimeout,
        UpstreamKeys keys) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    public Provider {
        models = models == null ? List.of() : List.copyOf(models);
        keys = keys == null ? UpstreamKeys.none() : keys;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        firstByteTimeout = firstByteTimeout == null ? DEFAULT_FIRST_BYTE_TIMEOUT : firstByteTimeout;
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    /** The base URL of this provider's exit for {@code protocol}, if it has one. */
    public Optional<URI> exit(Protocol protocol) {
        return Optional.ofNullable(protocol == Protocol.OPENAI ? openaiBaseUrl : anthropicBaseUrl);
    }

    public boolean hasExit(Protocol protocol) {
        return exit(protocol).isPresent();
    }
}
