package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.core.PolicyMode;
import io.promptgate.store.PromptPolicyEntity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Prompt policies (administrators only): CRUD and a preview of the system prompt a caller ends up with. */
public final class PolicyService {
    /** Between the policy text and the caller's system prompt, as the gateway joins them. */
    static final String SEPARATOR = "\n\n";

    private final SessionFactory sessions;
    private final DocumentEdits edits;

    PolicyService(SessionFactory sessions, DocumentEdits edits) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.edits = Objects.requireNonNull(edits, "edits");
    }

    public List<PolicyView> list() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return session.createSelectionQuery("from PromptPolicyEntity p order by p.name", PromptPolicyEntity.class)
                    .getResultList().stream().map(p -> view(session, p)).toList();
        });
    }

    public PolicyView get(String name) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return view(session, find(session, name));
        });
    }

    public PolicyView create(Caller caller, PolicySpec spec) {
        edits.apply(caller, document(spec), "policies", "policy.create", spec.name(),
                session -> {
                    if (findOptional(session, spec.name()) != null) {
                        throw new ConflictException("already_exists", "A policy named '" + spec.name() + "' already exists");
                    }
                },
                session -> { });
        return get(spec.name());
    }

    public PolicyView replace(Caller caller, String name, PolicySpec spec) {
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInputException("name: cannot be changed (create a policy under the new name instead)");
        }
        PolicySpec named = new PolicySpec(name, spec.mode(), spec.text());
        edits.apply(caller, document(named), "policies", "policy.update", name, session -> find(session, name), session -> { });
        return get(name);
    }

    public void delete(Caller caller, String name) {
        caller.requireAdmin();
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            PromptPolicyEntity policy = find(session, name);
            List<String> routes = routesUsing(session, policy);
            if (!routes.isEmpty()) {
                throw new ConflictException("in_use", "Policy '" + name + "' is used by route(s) " + String.join(", ", routes));
            }
            session.remove(policy);
            AuditLog.record(session, caller.actor(), "policy.delete", name, null);
        });
        edits.reload();
    }

    /** The system prompt a caller who sent {@code callerSystem} (may be empty) ends up with. */
    public PolicyPreview preview(String name, String callerSystem) {
        PolicyView policy = get(name);
        return new PolicyPreview(policy.name(), policy.mode(), compose(PolicyMode.parse(policy.mode()), policy.text(), callerSystem),
                policy.routes());
    }

    static String compose(PolicyMode mode, String policy, String callers) {
        if (callers == null || callers.isEmpty() || mode == PolicyMode.REPLACE) {
            return policy;
        }
        return mode == PolicyMode.PREPEND ? policy + SEPARATOR + callers : callers + SEPARATOR + policy;
    }

    private static ConfigDocument document(PolicySpec spec) {
        return new ConfigDocument(null, null, List.of(spec), null, null);
    }

    static PromptPolicyEntity find(Session session, String name) {
        PromptPolicyEntity p = findOptional(session, name);
        if (p == null) {
            throw new NoSuchEntityException("policy", name);
        }
        return p;
    }

    private static PromptPolicyEntity findOptional(Session session, String name) {
        return session.createSelectionQuery("from PromptPolicyEntity p where p.name = :name", PromptPolicyEntity.class)
                .setParameter("name", name)
                .uniqueResult();
    }

    private static List<String> routesUsing(Session session, PromptPolicyEntity policy) {
        return session.createSelectionQuery("select r.name from RouteEntity r where r.policy = :p order by r.name", String.class)
                .setParameter("p", policy)
                .getResultList();
    }

    static PolicyView view(Session session, PromptPolicyEntity p) {
        return new PolicyView(p.getName(), p.getMode().wireName(), p.getText(), routesUsing(session, p), p.getCreatedAt(),
                p.getUpdatedAt());
    }

    public record PolicyView(String name, String mode, String text, List<String> routes, Instant createdAt, Instant updatedAt) {
    }

    /** {@code system}: the system prompt after the policy is applied to the sample. */
    public record PolicyPreview(String name, String mode, String system, List<String> routes) {
    }
}
