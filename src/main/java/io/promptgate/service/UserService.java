package io.promptgate.service;

import io.promptgate.config.ConfigRules;
import io.promptgate.security.PasswordHasher;
import io.promptgate.store.UserEntity;
import io.promptgate.store.UserRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Console and admin API accounts (administrators only): list, create, change role / enabled /
 * password, delete. Password hashes never leave this class; the last enabled administrator can be
 * neither demoted, disabled nor deleted. Disabling or deleting a user takes their gateway keys
 * out of the gateway at once.
 */
public final class UserService {
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final SessionFactory sessions;
    private final PasswordHasher passwords;
    private final SnapshotService snapshots;

    public UserService(SessionFactory sessions, PasswordHasher passwords, SnapshotService snapshots) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    public List<UserView> list() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            List<UserView> users = new ArrayList<>();
            for (UserEntity u : session.createSelectionQuery("from UserEntity u order by u.username", UserEntity.class)
                    .getResultList()) {
                users.add(view(session, u));
            }
            return users;
        });
    }

    public UserView get(String username) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return view(session, find(session, username));
        });
    }

    public UserView create(Caller caller, NewUser input) {
        caller.requireAdmin();
        List<String> problems = new ArrayList<>();
        ConfigRules.nameProblem(input.username()).ifPresent(p -> problems.add("username: " + p));
        ConfigRules.roleProblem(input.role()).ifPresent(p -> problems.add("role: " + p));
        if (input.password() != null) {
            passwordProblem(input.password()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String hash = input.password() == null ? null : passwords.hash(input.password()); // slow: before the lock
        UserRole role = input.role() == null ? UserRole.USER : UserRole.parse(input.role());
        try {
            return sessions.fromTransaction(session -> {
                WriteLock.takeFirst(session);
                if (findOptional(session, input.username()) != null) {
                    throw new ConflictException("already_exists", "A user named '" + input.username() + "' already exists");
                }
                UserEntity user = new UserEntity(input.username(), role, Instant.now());
                user.setPasswordHash(hash);
                user.setEnabled(input.enabled() == null || input.enabled());
                session.persist(user);
                AuditLog.record(session, caller.actor(), "user.create", user.getUsername(),
                        "role=" + role.wireName() + (user.isEnabled() ? "" : ", disabled"));
                return view(session, user);
            });
        } catch (ConstraintViolationException e) {
            throw new ConflictException("already_exists", "A user named '" + input.username() + "' already exists");
        }
    }

    public UserView update(Caller caller, String username, UserChange change) {
        caller.requireAdmin();
        List<String> problems = new ArrayList<>();
        ConfigRules.roleProblem(change.role()).ifPresent(p -> problems.add("role: " + p));
        if (change.password() != null) {
            passwordProblem(change.password()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String hash = change.password() == null ? null : passwords.hash(change.password());
        UserView updated = sessions.fromTransaction(session -> {
            WriteLock.takeFirst(session);
            UserEntity user = find(session, username);
            List<String> changes = new ArrayList<>();
            UserRole role = change.role() == null ? user.getRole() : UserRole.parse(change.role());
            boolean enabled = change.enabled() == null ? user.isEnabled() : change.enabled();
            if (user.getRole() == UserRole.ADMIN && user.isEnabled() && (role != UserRole.ADMIN || !enabled)) {
                requireAnotherAdmin(session, user);
            }
            if (role != user.getRole()) {
                user.setRole(role);
                changes.add("role=" + role.wireName());
            }
            if (enabled != user.isEnabled()) {
                user.setEnabled(enabled);
                changes.add(enabled ? "enabled" : "disabled");
            }
            if (hash != null) {
                user.setPasswordHash(hash);
                changes.add("password changed");
            }
            if (!changes.isEmpty()) {
                user.setUpdatedAt(Instant.now());
                AuditLog.record(session, caller.actor(), "user.update", user.getUsername(), String.join(", ", changes));
            }
            return view(session, user);
        });
        snapshots.reload(); // a disabled user's keys stop working now
        return updated;
    }

    public void delete(Caller caller, String username) {
        caller.requireAdmin();
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            UserEntity user = find(session, username);
            if (user.getRole() == UserRole.ADMIN && user.isEnabled()) {
                requireAnotherAdmin(session, user);
            }
            long keys = keyCount(session, user);
            // api_keys rows go with the user (ON DELETE CASCADE)
            session.createMutationQuery("delete from ApiKeyEntity k where k.user = :user").setParameter("user", user)
                    .executeUpdate();
            session.remove(user);
            AuditLog.record(session, caller.actor(), "user.delete", username, keys + " key(s) deleted with the user");
        });
        snapshots.reload();
    }

    private static void requireAnotherAdmin(Session session, UserEntity user) {
        long others = session.createSelectionQuery(
                        "select count(u) from UserEntity u where u.role = :admin and u.enabled = true and u.id <> :id", Long.class)
                .setParameter("admin", UserRole.ADMIN)
                .setParameter("id", user.getId())
                .getSingleResult();
        if (others == 0) {
            throw new ConflictException("last_admin", "'" + user.getUsername() + "' is the last enabled administrator");
        }
    }

    static Optional<String> passwordProblem(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("password: must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            return Optional.of("password: must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        return Optional.empty();
    }

    static UserEntity find(Session session, String username) {
        UserEntity user = findOptional(session, username);
        if (user == null) {
            throw new NoSuchEntityException("user", username);
        }
        return user;
    }

    static UserEntity findOptional(Session session, String username) {
        if (username == null) {
            return null;
        }
        return session.createSelectionQuery("from UserEntity u where u.username = :username", UserEntity.class)
                .setParameter("username", username)
                .uniqueResult();
    }

    private static long keyCount(Session session, UserEntity user) {
        return session.createSelectionQuery("select count(k) from ApiKeyEntity k where k.user = :user", Long.class)
                .setParameter("user", user)
                .getSingleResult();
    }

    private static UserView view(Session session, UserEntity u) {
        return new UserView(u.getId(), u.getUsername(), u.getRole().wireName(), u.isEnabled(), u.getPasswordHash() != null,
                keyCount(session, u), u.getCreatedAt(), u.getUpdatedAt());
    }

    /** A user as the admin API shows it: never the password hash, only whether there is one. */
    public record UserView(long id, String username, String role, boolean enabled, boolean canLogIn, long keys,
                           Instant createdAt, Instant updatedAt) {
    }

    /** A new user; {@code role} defaults to {@code user}, {@code enabled} to true; no password: cannot log in. */
    public record NewUser(String username, String role, String password, Boolean enabled) {
        @Override
        public String toString() {
            return "NewUser[" + username + "]";
        }
    }

    /** What to change; {@code null} fields stay as they are. */
    public record UserChange(String role, Boolean enabled, String password) {
        @Override
        public String toString() {
            return "UserChange[" + role + ", " + enabled + (password == null ? "" : ", password") + "]";
        }
    }
}
