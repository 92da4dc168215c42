package io.promptgate.service;

import io.promptgate.security.PasswordHasher;
import io.promptgate.security.RandomStrings;
import io.promptgate.store.UserEntity;
import io.promptgate.store.UserRole;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * First start: when there is no user at all, creates {@code admin} (role admin) with the
 * configured initial password, or a random one that is logged once, at WARNING. Run it before
 * the start-up config import so that a fresh install always gets an administrator.
 */
public final class InitialAdmin {
    public static final String USERNAME = "admin";
    static final int GENERATED_PASSWORD_LENGTH = 20;

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());

    private InitialAdmin() {
    }

    /**
     * @param configuredPassword the {@code ADMIN_PASSWORD} setting, if set
     * @return true when the user was created (this start is the first)
     */
    public static boolean ensure(SessionFactory sessions, PasswordHasher passwords, Optional<String> configuredPassword) {
        if (countUsers(sessions) > 0) {
            return false;
        }
        String password = configuredPassword.orElseGet(() -> RandomStrings.base62(GENERATED_PASSWORD_LENGTH));
        String hash = passwords.hash(password); // slow by design: not under the write lock
        boolean created = sessions.fromTransaction(session -> {
            WriteLock.takeFirst(session);
            if (count(session) > 0) {
                return false; // another instance got there first
            }
            UserEntity admin = new UserEntity(USERNAME, UserRole.ADMIN, Instant.now());
            admin.setPasswordHash(hash);
            session.persist(admin);
            AuditLog.record(session, AuditLog.SYSTEM, "user.create", USERNAME, "initial administrator");
            return true;
        });
        if (created && configuredPassword.isEmpty()) {
            // the only time this password is ever shown
            LOG.warning("Initial admin password for user '" + USERNAME + "': " + password + " — change it after the first login");
        } else if (created) {
            LOG.info("Created the initial admin user '" + USERNAME + "' with the configured password");
        }
        return created;
    }

    private static long countUsers(SessionFactory sessions) {
        return sessions.fromTransaction(InitialAdmin::count);
    }

    private static long count(Session session) {
        return session.createSelectionQuery("select count(u) from UserEntity u", Long.class).getSingleResult();
    }
}
