package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigRules;
import io.promptgate.config.ConfigValidator;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.Protocol;
import io.promptgate.store.PromptPolicyEntity;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.RouteEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Routes (administrators only): CRUD with the document's validation (unknown provider or policy,
 * duplicate host + path + protocol) plus the protocol matrix, and a preview of how a saved or
 * unsaved route behaves.
 */
public final class RouteService {
    private final SessionFactory sessions;
    private final DocumentEdits edits;
    private final SnapshotService snapshots;

    RouteService(SessionFactory sessions, DocumentEdits edits, SnapshotService snapshots) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.edits = Objects.requireNonNull(edits, "edits");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    public List<RouteView> list() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return session.createSelectionQuery("select r from RouteEntity r join fetch r.provider left join fetch r.policy"
                            + " left join fetch r.fallbackProvider order by r.name", RouteEntity.class)
                    .getResultList().stream().map(RouteService::view).toList();
        });
    }

    public RouteView get(String name) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return view(find(session, name));
        });
    }

    public RouteView create(Caller caller, RouteSpec spec) {
        edits.apply(caller, document(spec), "routes", "route.create", spec.name(),
                session -> {
                    if (findOptional(session, spec.name()) != null) {
                        throw new ConflictException("already_exists", "A route named '" + spec.name() + "' already exists");
                    }
                },
                session -> DocumentEdits.requireServable(session, Set.of(spec.name()), Set.of()));
        return get(spec.name());
    }

    public RouteView replace(Caller caller, String name, RouteSpec spec) {
        RouteSpec named = named(name, spec);
        edits.apply(caller, document(named), "routes", "route.update", name,
                session -> find(session, name),
                session -> DocumentEdits.requireServable(session, Set.of(name), Set.of()));
        return get(name);
    }

    public void delete(Caller caller, String name) {
        caller.requireAdmin();
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            session.remove(find(session, name));
            AuditLog.record(session, caller.actor(), "route.delete", name, null);
        });
        edits.reload();
    }

    /** How a stored route behaves. */
    public RoutePreview preview(String name) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return preview(session, spec(find(session, name)));
        });
    }

    /** How a route would behave if it were saved as given; invalid input is refused as a save would be. */
    public RoutePreview previewDraft(Caller caller, RouteSpec spec) {
        caller.requireAdmin();
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            try {
                ConfigValidator.validate(document(spec), ExistingConfigReader.read(session));
            } catch (ConfigException e) {
                throw new InvalidInputException(DocumentEdits.withoutPath("routes", e.problems()));
            }
            return preview(session, spec);
        });
    }

    private RoutePreview preview(Session session, RouteSpec spec) {
        Protocol protocol = Protocol.parse(spec.protocol());
        String host = ConfigRules.normalizeHost(spec.host());
        String hostMatch = host.equals(ConfigRules.ANY_HOST) ? "any" : host.startsWith("*.") ? "suffix" : "exact";
        String pathMatch = spec.path().endsWith("/*") ? "prefix" : "exact";
        GatewaySettings settings = snapshots.current().settings();
        List<String> notes = new ArrayList<>();
        Target primary = target(session, spec.provider(), spec.model(), protocol, notes);
        Target fallback = null;
        if (spec.fallbackProvider() != null) {
            String model = spec.fallbackModel() == null || spec.fallbackModel().isBlank() ? spec.model() : spec.fallbackModel();
            fallback = target(session, spec.fallbackProvider(), model, protocol, notes);
        }
        PolicyPart policy = null;
        if (spec.policy() != null) {
            PromptPolicyEntity p = PolicyService.find(session, spec.policy());
            policy = new PolicyPart(p.getName(), p.getMode().wireName(), p.getText());
        }
        for (RouteEntity other : session.createSelectionQuery("from RouteEntity r where r.host = :host and r.path = :path",
                        RouteEntity.class)
                .setParameter("host", host).setParameter("path", spec.path()).getResultList()) {
            if (!other.getName().equals(spec.name())) {
                notes.add("route '" + other.getName() + "' has the same host and path for " + other.getProtocol().wireName()
                        + ": requests are told apart by their protocol");
            }
        }
        return new RoutePreview(spec.name(), new Match(host, hostMatch, spec.path(), pathMatch, protocol.wireName()),
                primary, fallback, fallback == null ? List.of() : List.copyOf(new TreeSet<>(settings.fallbackStatuses())),
                policy, new Global(settings.globalConcurrency(), settings.globalQueue(), settings.queueTimeoutMs()), notes);
    }

    private static Target target(Session session, String providerName, String model, Protocol protocol, List<String> notes) {
        ProviderEntity p = ProviderService.find(session, providerName);
        var mode = ProtocolMatrix.mode(protocol, p.getOpenaiBaseUrl() != null, p.getAnthropicBaseUrl() != null);
        String exit = null;
        String baseUrl = null;
        if (mode.isPresent()) {
            Protocol exitProtocol = ProtocolMatrix.exit(protocol, mode.get());
            exit = exitProtocol.wireName();
            baseUrl = exitProtocol == Protocol.OPENAI ? p.getOpenaiBaseUrl() : p.getAnthropicBaseUrl();
        } else {
            notes.add("provider '" + p.getName() + "' cannot serve " + protocol.wireName() + " requests");
        }
        if (p.getUpstreamKeys().isEmpty()) {
            notes.add("provider '" + p.getName() + "' has no upstream key");
        }
        return new Target(p.getName(), model, mode.map(m -> m.name().toLowerCase(Locale.ROOT)).orElse("unavailable"),
                exit, baseUrl, p.getMaxOutputTokens(), p.getConcurrency(), p.getQueueSize());
    }

    static RouteSpec named(String name, RouteSpec spec) {
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInputException("name: cannot be changed (create a route under the new name instead)");
        }
        return new RouteSpec(name, spec.host(), spec.path(), spec.protocol(), spec.provider(), spec.model(), spec.policy(),
                spec.fallbackProvider(), spec.fallbackModel());
    }

    private static ConfigDocument document(RouteSpec spec) {
        return new ConfigDocument(null, null, null, List.of(spec), null);
    }

    private static RouteEntity find(Session session, String name) {
        RouteEntity r = findOptional(session, name);
        if (r == null) {
            throw new NoSuchEntityException("route", name);
        }
        return r;
    }

    private static RouteEntity findOptional(Session session, String name) {
        return session.createSelectionQuery("select r from RouteEntity r join fetch r.provider left join fetch r.policy"
                        + " left join fetch r.fallbackProvider where r.name = :name", RouteEntity.class)
                .setParameter("name", name)
                .uniqueResult();
    }

    private static RouteSpec spec(RouteEntity r) {
        return new RouteSpec(r.getName(), r.getHost(), r.getPath(), r.getProtocol().wireName(), r.getProvider().getName(),
                r.getModel(), r.getPolicy() == null ? null : r.getPolicy().getName(),
                r.getFallbackProvider() == null ? null : r.getFallbackProvider().getName(), r.getFallbackModel());
    }

    private static RouteView view(RouteEntity r) {
        RouteSpec s = spec(r);
        return new RouteView(s.name(), s.host(), s.path(), s.protocol(), s.provider(), s.model(), s.policy(), s.fallbackProvider(),
                s.fallbackModel(), r.getCreatedAt(), r.getUpdatedAt());
    }

    public record RouteView(String name, String host, String path, String protocol, String provider, String model,
                            String policy, String fallbackProvider, String fallbackModel, Instant createdAt,
                            Instant updatedAt) {
    }

    /**
     * The effective behaviour of a route: what it matches, where requests go (directly or through
     * an adapter), the fallback and when it is used, the prompt policy, and the limits on the way.
     */
    public record RoutePreview(String name, Match match, Target primary, Target fallback, List<Integer> fallbackOnStatuses,
                               PolicyPart policy, Global global, List<String> notes) {
    }

    /** {@code hostMatch}: exact, suffix or any; {@code pathMatch}: exact or prefix. */
    public record Match(String host, String hostMatch, String path, String pathMatch, String protocol) {
    }

    /** {@code mode}: direct, adapter or unavailable; {@code exit}: the upstream protocol used. */
    public record Target(String provider, String model, String mode, String exit, String baseUrl, Integer maxOutputTokens,
                         int concurrency, int queue) {
    }

    public record PolicyPart(String name, String mode, String text) {
    }

    public record Global(int concurrency, int queue, long queueTimeoutMs) {
    }
}
