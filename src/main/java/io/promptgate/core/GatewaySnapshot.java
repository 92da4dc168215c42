package io.promptgate.core;

import java.util.List;
import java.util.Map;

/**
 * Everything the hot path needs, read once from the database and swapped atomically on change.
 * The gateway never touches a database row while serving a request.
 */
public record GatewaySnapshot(
        long version,
        GatewaySettings settings,
        List<Route> routes,
        Map<String, Provider> providersByName,
        Map<String, PromptPolicy> policiesByName,
        List<ApiKey> apiKeys) {

    public GatewaySnapshot {
        routes = List.copyOf(routes);
        providersByName = Map.copyOf(providersByName);
        policiesByName = Map.copyOf(policiesByName);
        apiKeys = List.copyOf(apiKeys);
    }

    public static GatewaySnapshot empty() {
        return new GatewaySnapshot(0, GatewaySettings.DEFAULTS, List.of(), Map.of(), Map.of(), List.of());
    }
}
