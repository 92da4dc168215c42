package io.promptgate.core;

/**
 * A public entry point: requests for {@code host} + {@code path} speaking {@code protocol} go to
 * {@code provider} with their {@code model} rewritten to {@code model}.
 *
 * @param host  an exact host, {@code *.suffix}, or {@code *} for any host
 * @param path  an exact path, or {@code prefix/*} matching everything below the prefix
 * @param policy           name of the prompt policy to apply, or {@code null}
 * @param fallbackProvider name of the provider tried once when the primary is busy, or {@code null}
 * @param fallbackModel    model id used on the fallback provider; {@code null} means {@code model}
 */
public record Route(
        long id,
        String name,
        String host,
        String path,
        Protocol protocol,
        String provider,
        String model,
        String policy,
        String fallbackProvider,
        String fallbackModel) {

    public static final String ANY_HOST = "*";

    public Route {
        host = host == null || host.isBlank() ? ANY_HOST : host.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The model id to send to the fallback provider. */
    public String effectiveFallbackModel() {
        return fallbackModel == null || fallbackModel.isBlank() ? model : fallbackModel;
    }
}
