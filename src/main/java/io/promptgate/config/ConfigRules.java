package io.promptgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field rules of the configuration, shared by the document validator and by anything else that
 * edits one entity (admin API, console). Each {@code …Problem} method returns why a value is
 * unacceptable, or empty; the {@code normalize…} methods give the stored form.
 */
public final class ConfigRules {
    public static final String ANY_HOST = "*";
    public static final Set<String> ROLES = Set.of("user", "admin");
    public static final Set<String> LOG_LANGUAGES = Set.of("en", "zh-CN");
    /** Provider concurrency when not given: 0, no provider-level limit (the global limit still applies). */
    public static final int DEFAULT_PROVIDER_CONCURRENCY = 0;
    /** Provider queue length when not given. */
    public static final int DEFAULT_PROVIDER_QUEUE = 32;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?"
                    + "|\\[[0-9a-f:.]+](:[0-9]{1,5})?");
    private static final Pattern PATH = Pattern.compile("/([^\\s?#*]*/)?\\*|/[^\\s?#*]*");

    private ConfigRules() {
    }

    /** Names of providers, policies, routes, users and keys: they appear in logs as {@code key=value}. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("must be 1 to 100 letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
        }
        return Optional.empty();
    }

    /** A provider exit: an absolute http(s) URL without credentials, query or fragment. */
    public static Optional<String> baseUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.of("must be an http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials (put upstream keys in apiKeys)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        return Optional.empty();
    }

    /** The stored form of a base URL: trimmed, without trailing slashes (the gateway appends the path). */
    public static String normalizeBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** A route host: absent or {@code *} (any host), an exact host with optional port, or {@code *.suffix}. */
    public static Optional<String> hostProblem(String host) {
        String normalized = normalizeHost(host);
        if (normalized.equals(ANY_HOST) || HOST.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.of("must be '*', a host name (optionally with a port) or '*.suffix'");
    }

    public static String normalizeHost(String host) {
        return host == null || host.isBlank() ? ANY_HOST : host.trim().toLowerCase(Locale.ROOT);
    }

    /** A route path: starts with {@code /}, no query, no whitespace; may end with {@code /*} for a prefix. */
    public static Optional<String> pathProblem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("is required");
        }
        if (!PATH.matcher(path).matches()) {
            return Optional.of("must start with '/', contain no whitespace, '?' or '#', and use '*' only as a final '/*'");
        }
        return Optional.empty();
    }

    public static Optional<String> roleProblem(String role) {
        if (role == null || ROLES.contains(role)) {
            return Optional.empty();
        }
        return Optional.of("unknown role '" + role + "' (expected user or admin)");
    }
}
