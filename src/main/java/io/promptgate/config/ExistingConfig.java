package io.promptgate.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the database already holds that a document may refer to or collide with.
 *
 * @param routesByName every stored route's matching key, by route name
 * @param keyOwners    who already owns a given gateway key
 */
public record ExistingConfig(
        Set<String> providerNames,
        Set<String> policyNames,
        Map<String, RouteKey> routesByName,
        KeyOwners keyOwners) {

    public ExistingConfig {
        providerNames = Set.copyOf(providerNames);
        policyNames = Set.copyOf(policyNames);
        routesByName = Map.copyOf(routesByName);
    }

    public static ExistingConfig empty() {
        return new ExistingConfig(Set.of(), Set.of(), Map.of(), key -> Optional.empty());
    }

    /** What makes a route unique: host (normalized, {@code *} for any), path and protocol. */
    public record RouteKey(String host, String path, String protocol) {
        @Override
        public String toString() {
            return host + " " + path + " (" + protocol + ")";
        }
    }

    /** Looks up a stored gateway key (by its hash, so the lookup needs the clear key only transiently). */
    @FunctionalInterface
    public interface KeyOwners {
        /** {@code username/keyname} of the stored key equal to {@code gatewayKey}, if any. */
        Optional<String> ownerOf(String gatewayKey);
    }
}
