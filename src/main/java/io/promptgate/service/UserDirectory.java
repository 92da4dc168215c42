package io.promptgate.service;

import io.promptgate.store.UserEntity;
import io.promptgate.store.UserRole;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.SessionFactory;

/**
 * Read-only account lookups for the security layer: login by username, and the check on every
 * authenticated request that the account still exists, is enabled and has the same password.
 */
public final class UserDirectory {
    private final SessionFactory sessions;

    public UserDirectory(SessionFactory sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public Optional<Account> byUsername(String username) {
        if (username == null || username.isEmpty() || username.length() > 100) {
            return Optional.empty();
        }
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return session.createSelectionQuery("from UserEntity u where u.username = :username", UserEntity.class)
                    .setParameter("username", username)
                    .uniqueResultOptional()
                    .map(UserDirectory::account);
        });
    }

    public Optional<Account> byId(long id) {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return Optional.ofNullable(session.find(UserEntity.class, id)).map(UserDirectory::account);
        });
    }

    private static Account account(UserEntity u) {
        return new Account(u.getId(), u.getUsername(), u.getRole() == UserRole.ADMIN, u.isEnabled(), u.getPasswordHash());
    }

    /**
     * An account as the security layer sees it.
     *
     * @param passwordHash argon2id hash in Shiro 2 crypt format, {@code null} when the user cannot log in
     */
    public record Account(long id, String username, boolean admin, boolean enabled, String passwordHash) {
        public Caller caller() {
            return new Caller(id, username, admin);
        }

        @Override
        public String toString() {
            return "Account[" + id + ", " + username + (admin ? ", admin" : "") + (enabled ? "" : ", disabled") + "]";
        }
    }
}
