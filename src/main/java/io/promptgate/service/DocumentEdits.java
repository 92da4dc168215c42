package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigException;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.RouteEntity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.hibernate.Session;

/**
 * Edits of one provider, policy or route, written as a one-entry declarative document so that
 * the admin API and imports share every rule (validation, normalisation, what counts as a
 * change). Problems come back without the document path ({@code openaiBaseUrl: …} rather than
 * {@code providers[0].openaiBaseUrl: …}). Every successful edit is published to the gateway.
 */
final class DocumentEdits {
    private final ConfigImport imports;
    private final SnapshotService snapshots;

    DocumentEdits(ConfigImport imports, SnapshotService snapshots) {
        this.imports = Objects.requireNonNull(imports, "imports");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    /**
     * @param section the document section the entry is in ({@code providers}, {@code policies}, {@code routes})
     */
    void apply(Caller caller, ConfigDocument document, String section, String action, String target,
               Consumer<Session> precondition, Consumer<Session> postcheck) {
        caller.requireAdmin();
        try {
            imports.apply(document, caller.actor(), action, target, precondition, postcheck, true);
        } catch (ConfigException e) {
            throw new InvalidInputException(withoutPath(section, e.problems()));
        }
        snapshots.reload();
    }

    /** Publishes a change made without a document (deletes) to the gateway. */
    void reload() {
        snapshots.reload();
    }

    static List<String> withoutPath(String section, List<String> problems) {
        String entry = section + "[0]";
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            if (p.startsWith(entry + ".")) {
                out.add(p.substring(entry.length() + 1));
            } else if (p.startsWith(entry + ": ")) {
                out.add(p.substring(entry.length() + 2));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * After a write: every route named in {@code routes}, or using a provider named in
     * {@code providers}, must be servable by its provider and fallback provider (the protocol matrix).
     */
    static void requireServable(Session session, Collection<String> routes, Collection<String> providers) {
        List<String> problems = new ArrayList<>();
        for (RouteEntity r : session.createSelectionQuery(
                        "select r from RouteEntity r join fetch r.provider p left join fetch r.fallbackProvider f"
                                + " where r.name in :routes or p.name in :providers or f.name in :providers",
                        RouteEntity.class)
                .setParameter("routes", routes.isEmpty() ? List.of("") : routes)
                .setParameter("providers", providers.isEmpty() ? List.of("") : providers)
                .getResultList()) {
            servable(r, r.getProvider(), "provider").ifPresent(problems::add);
            if (r.getFallbackProvider() != null) {
                servable(r, r.getFallbackProvider(), "fallbackProvider").ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static Optional<String> servable(RouteEntity route, ProviderEntity provider, String field) {
        if (ProtocolMatrix.mode(route.getProtocol(), provider.getOpenaiBaseUrl() != null, provider.getAnthropicBaseUrl() != null)
                .isPresent()) {
            return Optional.empty();
        }
        return Optional.of(field + ": provider '" + provider.getName() + "' cannot serve route '" + route.getName()
                + "': it has no " + route.getProtocol().wireName() + " exit and no adapter translates "
                + route.getProtocol().wireName() + " to its other exit");
    }
}
