package io.promptgate.gateway.admit;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;

/** The providers a route may be served by, looked up in the exchange's snapshot. */
public final class Targets {
    private Targets() {
    }

    public static Provider primary(GatewaySnapshot snapshot, Route route) {
        Provider provider = snapshot.providersByName().get(route.provider());
        if (provider == null) {
            throw GatewayError.of(ErrorKind.BAD_GATEWAY, "Route '" + route.name() + "' names a provider that is not configured");
        }
        return provider;
    }

    /** The route's fallback provider, or {@code null} when it has none usable (missing, or the primary itself). */
    public static Provider fallback(GatewaySnapshot snapshot, Route route) {
        if (route.fallbackProvider() == null || route.fallbackProvider().equals(route.provider())) {
            return null;
        }
        Provider provider = snapshot.providersByName().get(route.fallbackProvider());
        return provider; // any exit serves: the forward stage adapts between protocols
    }
}
