package io.promptgate.security;

import io.promptgate.service.Caller;
import io.promptgate.service.UserDirectory;
import io.promptgate.service.UserDirectory.Account;
import java.util.Objects;
import java.util.Optional;
import org.apache.shiro.subject.Subject;

/**
 * The caller behind a session or rememberMe cookie, for the admin API and the console alike. The
 * account is re-read on every request: a deleted or disabled user, or one whose password changed
 * since the login, is logged out (session ended, rememberMe cookie forgotten).
 */
final class SessionCaller {
    private final UserDirectory users;

    SessionCaller(UserDirectory users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /** Who the subject is; empty when nobody logged in or the login no longer holds (then logged out). */
    Optional<Caller> of(Subject subject) {
        if (!(subject.getPrincipal() instanceof UserPrincipal principal)) {
            return Optional.empty();
        }
        Optional<Account> account = users.byId(principal.id()).filter(Account::enabled)
                .filter(a -> UserPrincipal.stampOf(a.passwordHash()).equals(principal.stamp()));
        if (account.isEmpty()) {
            subject.logout();
            return Optional.empty();
        }
        return Optional.of(account.get().caller());
    }

    /** Whether the subject carried a principal at all (to tell "ended" from "never logged in"). */
    static boolean hadPrincipal(Subject subject) {
        return subject.getPrincipal() instanceof UserPrincipal;
    }
}
