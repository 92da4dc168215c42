package io.promptgate.service;

import io.promptgate.config.ConfigDocument.UserSpec;
import io.promptgate.security.PasswordHasher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Works out, before the write transaction, which users of a document get a new password hash:
 * argon2id is deliberately slow and must not run while the database write lock is held.
 */
final class PasswordChanges {
    private PasswordChanges() {
    }

    /** New hashes by username, for users whose document password does not verify against the stored hash. */
    static Map<String, String> prepare(Session session, List<UserSpec> users, PasswordHasher passwords) {
        Map<String, String> stored = new HashMap<>();
        session.createSelectionQuery("select u.username, u.passwordHash from UserEntity u", Object[].class)
                .getResultList()
                .forEach(row -> stored.put((String) row[0], (String) row[1]));
        Map<String, String> changes = new HashMap<>();
        for (UserSpec user : users) {
            String password = user.password();
            if (password != null && !passwords.verify(password, stored.get(user.username()))) {
                changes.put(user.username(), passwords.hash(password));
            }
        }
        return changes;
    }
}
