package io.promptgate.service;

import io.promptgate.config.ConfigRules;
import io.promptgate.security.KeyHasher;
import io.promptgate.store.ApiKeyEntity;
import io.promptgate.store.UserEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Gateway keys. A user manages their own keys; an administrator everyone's. A key that belongs to
 * someone else is reported as not found to a non-administrator. The database holds only a key's
 * display prefix and SHA-256: the full key is returned once, by {@link #create}. Every change is
 * published to the gateway's snapshot before the call returns.
 */
public final class KeyService {
    static final int MAX_CONCURRENCY = 100_000;

    private final SessionFactory sessions;
    private final SnapshotService snapshots;

    public KeyService(SessionFactory sessions, SnapshotService snapshots) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    /**
     * The caller's keys; an administrator may ask for one user's ({@code username}) or everyone's ({@code all}).
     */
    public List<KeyView> list(Caller caller, String username, boolean all) {
        if ((all || (username != null && !username.equals(caller.username()))) && !caller.admin()) {
            throw new NotPermittedException("Only administrators may list other users' keys");
        }
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            String hql = "select k from ApiKeyEntity k join fetch k.user u";
            var query = all
                    ? session.createSelectionQuery(hql + " order by u.username, k.name", ApiKeyEntity.class)
                    : session.createSelectionQuery(hql + " where u.username = :username order by k.name", ApiKeyEntity.class)
                            .setParameter("username", username == null ? caller.username() : username);
            return query.getResultList().stream().map(KeyService::view).toList();
        });
    }

    public KeyView get(Caller caller, long id) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return view(visible(session, caller, id));
        });
    }

    /** Creates a key for the caller, or (administrators) for {@code input.user()}; the result holds the full key. */
    public CreatedKey create(Caller caller, NewKey input) {
        String owner = input.user() == null ? caller.username() : input.user();
        if (!owner.equals(caller.username()) && !caller.admin()) {
            throw new NotPermittedException("Only administrators may create keys for other users");
        }
        List<String> problems = new ArrayList<>();
        ConfigRules.nameProblem(input.name()).ifPresent(p -> problems.add("name: " + p));
        concurrencyProblem(input.concurrency()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String key = KeyHasher.generateKey();
        CreatedKey created;
        try {
            created = sessions.fromTransaction(session -> {
                WriteLock.takeFirst(session);
                UserEntity user = UserService.find(session, owner);
                requireFreeName(session, user, input.name());
                ApiKeyEntity entity = new ApiKeyEntity(user, input.name(), KeyHasher.prefixOf(key), KeyHasher.sha256Hex(key),
                        Instant.now());
                entity.setConcurrency(input.concurrency() == null ? 0 : input.concurrency());
                session.persist(entity);
                session.flush();
                AuditLog.record(session, caller.actor(), "key.create", label(entity), "prefix=" + entity.getPrefix());
                return new CreatedKey(view(entity), key);
            });
        } catch (ConstraintViolationException e) {
            throw new ConflictException("already_exists", "'" + owner + "' already has a key named '" + input.name() + "'");
        }
        snapshots.reload();
        return created;
    }

    public KeyView update(Caller caller, long id, KeyChange change) {
        List<String> problems = new ArrayList<>();
        if (change.name() != null) {
            ConfigRules.nameProblem(change.name()).ifPresent(p -> problems.add("name: " + p));
        }
        concurrencyProblem(change.concurrency()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        KeyView updated;
        try {
            updated = sessions.fromTransaction(session -> {
                WriteLock.takeFirst(session);
                ApiKeyEntity key = visible(session, caller, id);
                List<String> changes = new ArrayList<>();
                if (change.enabled() != null && change.enabled() != key.isEnabled()) {
                    key.setEnabled(change.enabled());
                    changes.add(change.enabled() ? "enabled" : "disabled");
                }
                if (change.concurrency() != null && change.concurrency() != key.getConcurrency()) {
                    key.setConcurrency(change.concurrency());
                    changes.add("concurrency=" + change.concurrency());
                }
                String label = label(key);
                if (change.name() != null && !change.name().equals(key.getName())) {
                    requireFreeName(session, key.getUser(), change.name());
                    changes.add("renamed to " + change.name());
                    rename(session, key, change.name()); // last: it flushes the changes above first
                }
                if (!changes.isEmpty()) {
                    changes.add("prefix=" + key.getPrefix());
                    AuditLog.record(session, caller.actor(), "key.update", label, String.join(", ", changes));
                }
                session.flush();
                return view(key);
            });
        } catch (ConstraintViolationException e) {
            throw new ConflictException("already_exists", "That user already has a key named '" + change.name() + "'");
        }
        snapshots.reload(); // enabling or disabling takes effect on the gateway now
        return updated;
    }

    public void delete(Caller caller, long id) {
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            ApiKeyEntity key = visible(session, caller, id);
            session.remove(key);
            AuditLog.record(session, caller.actor(), "key.delete", label(key), "prefix=" + key.getPrefix());
        });
        snapshots.reload();
    }

    /** The key with this id if the caller may see it; otherwise not found, whether it exists or not. */
    private static ApiKeyEntity visible(Session session, Caller caller, long id) {
        ApiKeyEntity key = session.createSelectionQuery("select k from ApiKeyEntity k join fetch k.user where k.id = :id",
                        ApiKeyEntity.class)
                .setParameter("id", id)
                .uniqueResult();
        if (key == null || (!caller.admin() && key.getUser().getId() != caller.userId())) {
            throw new NoSuchEntityException("key", Long.toString(id));
        }
        return key;
    }

    private static void requireFreeName(Session session, UserEntity user, String name) {
        long taken = session.createSelectionQuery(
                        "select count(k) from ApiKeyEntity k where k.user = :user and k.name = :name", Long.class)
                .setParameter("user", user)
                .setParameter("name", name)
                .getSingleResult();
        if (taken > 0) {
            throw new ConflictException("already_exists", "'" + user.getUsername() + "' already has a key named '" + name + "'");
        }
    }

    /**
     * The entity has no name setter (names are the upsert key of imports): an update statement
     * renames, after flushing pending changes, and the entity is re-read so that no later flush
     * writes the old name back.
     */
    private static void rename(Session session, ApiKeyEntity key, String name) {
        session.flush();
        session.createMutationQuery("update ApiKeyEntity k set k.name = :name where k.id = :id")
                .setParameter("name", name)
                .setParameter("id", key.getId())
                .executeUpdate();
        session.refresh(key);
    }

    private static Optional<String> concurrencyProblem(Integer concurrency) {
        if (concurrency != null && (concurrency < 0 || concurrency > MAX_CONCURRENCY)) {
            return Optional.of("concurrency: must be between 0 (no limit) and " + MAX_CONCURRENCY);
        }
        return Optional.empty();
    }

    private static String label(ApiKeyEntity key) {
        return key.getUser().getUsername() + "/" + key.getName();
    }

    static KeyView view(ApiKeyEntity k) {
        return new KeyView(k.getId(), k.getUser().getUsername(), k.getName(), k.getPrefix(), k.isEnabled(),
                k.getConcurrency(), k.getCreatedAt(), k.getLastUsedAt());
    }

    /** A key as shown to its owner and administrators: its prefix, never the key or its hash. */
    public record KeyView(long id, String owner, String name, String prefix, boolean enabled, int concurrency,
                          Instant createdAt, Instant lastUsedAt) {
    }

    /** A new key and, this once, the key itself. */
    public record CreatedKey(KeyView view, String key) {
        @Override
        public String toString() {
            return "CreatedKey[" + view + "]";
        }
    }

    /** {@code user}: the owner, for administrators creating someone else's key; {@code null} = the caller. */
    public record NewKey(String name, Integer concurrency, String user) {
    }

    /** What to change; {@code null} fields stay as they are. */
    public record KeyChange(String name, Boolean enabled, Integer concurrency) {
    }
}
