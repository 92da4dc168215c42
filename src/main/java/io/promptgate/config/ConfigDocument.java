package io.promptgate.config;

import java.util.List;

/**
 * The declarative configuration document, as parsed: values are still raw (validated by
 * {@link ConfigValidator}). A {@code null} field was absent from the document. No
 * {@code toString()} here shows an upstream key, a gateway key or a password.
 */
public record ConfigDocument(
        SettingsSpec settings,
        List<ProviderSpec> providers,
        List<PolicySpec> policies,
        List<RouteSpec> routes,
        List<UserSpec> users) {

    public ConfigDocument {
        providers = providers == null ? List.of() : List.copyOf(providers);
        policies = policies == null ? List.of() : List.copyOf(policies);
        routes = routes == null ? List.of() : List.copyOf(routes);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** {@code settings:}; each {@code null} field keeps its stored value. */
    public record SettingsSpec(
            Integer globalConcurrency,
            Integer globalQueue,
            Long queueTimeoutMs,
            Long maxBodyBytes,
            String logLanguage,
            List<Integer> fallbackStatuses,
            Integer recordRetentionDays) {
    }

    /** One of {@code providers:}. {@code apiKeys == null} keeps the stored upstream keys. */
    public record ProviderSpec(
            String name,
            String openaiBaseUrl,
            String anthropicBaseUrl,
            List<String> apiKeys,
            List<String> models,
            Integer concurrency,
            Integer queue,
            Integer maxOutputTokens,
            Long connectTimeoutMs,
            Long firstByteTimeoutMs,
            Long idleTimeoutMs) {

        @Override
        public String toString() {
            return "ProviderSpec[" + name + ", " + (apiKeys == null ? "keys unchanged" : apiKeys.size() + " keys") + "]";
        }
    }

    /** One of {@code policies:}. */
    public record PolicySpec(String name, String mode, String text) {
    }

    /** One of {@code routes:}. */
    public record RouteSpec(
            String name,
            String host,
            String path,
            String protocol,
            String provider,
            String model,
            String policy,
            String fallbackProvider,
            String fallbackModel) {
    }

    /** One of {@code users:}. {@code password == null} / {@code enabled == null} keep the stored value. */
    public record UserSpec(String username, String role, String password, Boolean enabled, List<ApiKeySpec> apiKeys) {

        public UserSpec {
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        }

        @Override
        public String toString() {
            return "UserSpec[" + username + ", " + apiKeys.size() + " keys]";
        }
    }

    /** One of a user's {@code apiKeys:}. {@code key == null}: keep the stored key, or generate one for a new key. */
    public record ApiKeySpec(String name, String key, Integer concurrency, Boolean enabled) {

        @Override
        public String toString() {
            return "ApiKeySpec[" + name + "]";
        }
    }
}
