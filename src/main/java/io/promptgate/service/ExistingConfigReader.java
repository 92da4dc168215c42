package io.promptgate.service;

import io.promptgate.config.ExistingConfig;
import io.promptgate.config.ExistingConfig.RouteKey;
import io.promptgate.core.Protocol;
import io.promptgate.security.KeyHasher;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/** Reads what a config document is validated against: stored names, route keys and key owners. */
final class ExistingConfigReader {
    private ExistingConfigReader() {
    }

    static ExistingConfig read(Session session) {
        Set<String> providers = new HashSet<>(
                session.createSelectionQuery("select p.name from ProviderEntity p", String.class).getResultList());
        Set<String> policies = new HashSet<>(
                session.createSelectionQuery("select p.name from PromptPolicyEntity p", String.class).getResultList());
        Map<String, RouteKey> routes = new HashMap<>();
        session.createSelectionQuery("select r.name, r.host, r.path, r.protocol from RouteEntity r", Object[].class)
                .getResultList()
                .forEach(row -> routes.put((String) row[0],
                        new RouteKey((String) row[1], (String) row[2], ((Protocol) row[3]).wireName())));
        Map<String, String> ownersByHash = new HashMap<>();
        session.createSelectionQuery("select k.keyHash, u.username, k.name from ApiKeyEntity k join k.user u", Object[].class)
                .getResultList()
                .forEach(row -> ownersByHash.put((String) row[0], row[1] + "/" + row[2]));
        return new ExistingConfig(providers, policies, routes,
                key -> Optional.ofNullable(ownersByHash.get(KeyHasher.sha256Hex(key))));
    }
}
