package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.UpstreamKeyEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Upstream providers (administrators only). Upstream keys are write-only: they go in with a
 * create or replace and only their last-four hints come out. Base URLs must pass the
 * {@link UpstreamUrlPolicy}. A provider in use by a route cannot be deleted.
 */
public final class ProviderService {
    private final SessionFactory sessions;
    private final DocumentEdits edits;
    private final SettingsService settings;
    private final UpstreamUrlPolicy urls;
    private final ConnectionTester tester;

    ProviderService(SessionFactory sessions, DocumentEdits edits, SettingsService settings, UpstreamUrlPolicy urls,
                    ConnectionTester tester) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.edits = Objects.requireNonNull(edits, "edits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.tester = Objects.requireNonNull(tester, "tester");
    }

    public List<ProviderView> list() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return session.createSelectionQuery("from ProviderEntity p order by p.name", ProviderEntity.class)
                    .getResultList().stream().map(p -> view(session, p)).toList();
        });
    }

    public ProviderView get(String name) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return view(session, find(session, name));
        });
    }

    public ProviderView create(Caller caller, ProviderSpec spec) {
        caller.requireAdmin();
        checkUrls(spec);
        edits.apply(caller, document(spec), "providers", "provider.create", spec.name(),
                session -> {
                    if (findOptional(session, spec.name()) != null) {
                        throw new ConflictException("already_exists", "A provider named '" + spec.name() + "' already exists");
                    }
                },
                session -> { });
        return get(spec.name());
    }

    /** Replaces every field of the provider; {@code apiKeys} absent ({@code null}) keeps the stored keys. */
    public ProviderView replace(Caller caller, String name, ProviderSpec spec) {
        caller.requireAdmin();
        ProviderSpec named = named(name, spec);
        checkUrls(named);
        edits.apply(caller, document(named), "providers", "provider.update", name,
                session -> find(session, name),
                session -> DocumentEdits.requireServable(session, Set.of(), Set.of(name)));
        return get(name);
    }

    public void delete(Caller caller, String name) {
        caller.requireAdmin();
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            ProviderEntity provider = find(session, name);
            List<String> routes = routesUsing(session, provider);
            if (!routes.isEmpty()) {
                throw new ConflictException("in_use", "Provider '" + name + "' is used by route(s) " + String.join(", ", routes));
            }
            session.remove(provider);
            AuditLog.record(session, caller.actor(), "provider.delete", name, null);
        });
        edits.reload();
    }

    /** Calls each exit's model list with the provider's first key; reports statuses, never bodies or keys. */
    public ConnectionTester.Report test(Caller caller, String name) {
        caller.requireAdmin();
        ConnectionTester.Target target = sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            ProviderEntity p = find(session, name);
            String sealedKey = p.getUpstreamKeys().stream()
                    .min(Comparator.comparingInt(UpstreamKeyEntity::getPosition))
                    .map(UpstreamKeyEntity::getCiphertext)
                    .orElse(null);
            return new ConnectionTester.Target(p.getName(), p.getOpenaiBaseUrl(), p.getAnthropicBaseUrl(), sealedKey);
        });
        return tester.test(target, settings.admin().allowPrivateUpstreams());
    }

    private void checkUrls(ProviderSpec spec) {
        boolean allowPrivate = settings.admin().allowPrivateUpstreams();
        List<String> problems = new ArrayList<>();
        urls.problem(spec.openaiBaseUrl(), allowPrivate).ifPresent(p -> problems.add("openaiBaseUrl: " + p));
        urls.problem(spec.anthropicBaseUrl(), allowPrivate).ifPresent(p -> problems.add("anthropicBaseUrl: " + p));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    static ProviderSpec named(String name, ProviderSpec spec) {
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInputException("name: cannot be changed (create a provider under the new name instead)");
        }
        return new ProviderSpec(name, spec.openaiBaseUrl(), spec.anthropicBaseUrl(), spec.apiKeys(), spec.models(),
                spec.concurrency(), spec.queue(), spec.maxOutputTokens(), spec.connectTimeoutMs(), spec.firstByteTimeoutMs(),
                spec.idleTimeoutMs());
    }

    private static ConfigDocument document(ProviderSpec spec) {
        return new ConfigDocument(null, List.of(spec), null, null, null);
    }

    static ProviderEntity find(Session session, String name) {
        ProviderEntity p = findOptional(session, name);
        if (p == null) {
            throw new NoSuchEntityException("provider", name);
        }
        return p;
    }

    static ProviderEntity findOptional(Session session, String name) {
        return session.createSelectionQuery("from ProviderEntity p where p.name = :name", ProviderEntity.class)
                .setParameter("name", name)
                .uniqueResult();
    }

    private static List<String> routesUsing(Session session, ProviderEntity provider) {
        return session.createSelectionQuery(
                        "select r.name from RouteEntity r where r.provider = :p or r.fallbackProvider = :p order by r.name",
                        String.class)
                .setParameter("p", provider)
                .getResultList();
    }

    private static ProviderView view(Session session, ProviderEntity p) {
        List<String> hints = p.getUpstreamKeys().stream()
                .sorted(Comparator.comparingInt(UpstreamKeyEntity::getPosition))
                .map(UpstreamKeyEntity::getHint)
                .toList();
        return new ProviderView(p.getName(), p.getOpenaiBaseUrl(), p.getAnthropicBaseUrl(), p.getModels(), p.getConcurrency(),
                p.getQueueSize(), p.getMaxOutputTokens(), p.getConnectTimeoutMs(), p.getFirstByteTimeoutMs(),
                p.getIdleTimeoutMs(), hints.size(), hints, routesUsing(session, p), p.getCreatedAt(), p.getUpdatedAt());
    }

    /**
     * A provider as the admin API shows it. Upstream keys appear only as a count and their last
     * four characters ({@code apiKeyHints}; empty for keys too short to hint at).
     */
    public record ProviderView(String name, String openaiBaseUrl, String anthropicBaseUrl, List<String> models,
                               int concurrency, int queue, Integer maxOutputTokens, Long connectTimeoutMs,
                               Long firstByteTimeoutMs, Long idleTimeoutMs, int apiKeyCount, List<String> apiKeyHints,
                               List<String> routes, Instant createdAt, Instant updatedAt) {
    }
}
