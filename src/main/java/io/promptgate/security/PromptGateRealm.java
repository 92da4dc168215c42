package io.promptgate.security;

import io.promptgate.service.AuditTrail;
import io.promptgate.service.UserDirectory;
import io.promptgate.service.UserDirectory.Account;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.IncorrectCredentialsException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;

/**
 * Console and admin API users from the {@code users} table. A login is checked here in one
 * place, in this order: the {@link LoginThrottle} (refused attempts cost no password check), the
 * account (unknown, disabled and password-less accounts fail exactly like a wrong password, after
 * an equally slow check of a dummy hash), then the argon2id hash in {@code users.password_hash}
 * through {@link PasswordHasher}. At most two argon2id checks run at once (each takes 64 MiB).
 * Failures and locks are audited. Nothing is cached: roles and accounts are read per request.
 */
public final class PromptGateRealm extends AuthorizingRealm {
    public static final String NAME = "promptgate";
    public static final String ROLE_ADMIN = "admin";
    public static final String ROLE_USER = "user";
    static final int CONCURRENT_HASH_CHECKS = 2;
    static final Duration HASH_CHECK_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(PromptGateRealm.class.getName());

    private final UserDirectory users;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final Semaphore hashChecks = new Semaphore(CONCURRENT_HASH_CHECKS, true);
    private volatile String dummyHash;

    public PromptGateRealm(UserDirectory users, PasswordHasher passwords, LoginThrottle throttle, AuditTrail audit) {
        this.users = Objects.requireNonNull(users, "users");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.audit = Objects.requireNonNull(audit, "audit");
        setName(NAME);
        // the password is verified in doGetAuthenticationInfo, together with throttling
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setCachingEnabled(false);
        setAuthenticationCachingEnabled(false);
        setAuthorizationCachingEnabled(false);
        setAuthenticationTokenClass(UsernamePasswordToken.class);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken authenticationToken) {
        UsernamePasswordToken token = (UsernamePasswordToken) authenticationToken;
        String username = token.getUsername();
        String address = token.getHost();
        Optional<LoginThrottle.Refusal> refusal = throttle.check(username, address);
        if (refusal.isPresent()) {
            throw new LoginRefusedException(refusal.get().locked() ? LoginRefusedException.Reason.LOCKED
                    : LoginRefusedException.Reason.TOO_FAST, refusal.get().retryAfter());
        }
        Optional<Account> account = users.byUsername(username);
        boolean verified = verify(token.getPassword(), account);
        if (!verified) {
            LoginThrottle.Failure failure = throttle.failed(username, address);
            String target = username == null ? "" : username.length() > 100 ? username.substring(0, 100) : username;
            audit.record(AuditTrailActors.ANONYMOUS, "login.failed", target, "from " + address);
            if (failure.userLocked() || failure.addressLocked()) {
                String what = failure.userLocked() ? "user name" : "client address " + address;
                audit.record(AuditTrailActors.SECURITY, "login.locked", target, what + " locked after repeated failed logins");
                LOG.warning(() -> "Logins locked for the " + what + " after repeated failures");
            }
            throw new IncorrectCredentialsException("Wrong user name or password");
        }
        throttle.succeeded(username);
        Account a = account.orElseThrow();
        return new SimpleAuthenticationInfo(new UserPrincipal(a.id(), a.username(), UserPrincipal.stampOf(a.passwordHash())),
                token.getCredentials(), getName());
    }

    private boolean verify(char[] password, Optional<Account> account) {
        boolean usable = account.isPresent() && account.get().enabled() && account.get().passwordHash() != null;
        String hash = usable ? account.get().passwordHash() : dummyHash();
        boolean acquired;
        try {
            acquired = hashChecks.tryAcquire(HASH_CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginRefusedException(LoginRefusedException.Reason.BUSY, Duration.ofSeconds(1));
        }
        if (!acquired) {
            throw new LoginRefusedException(LoginRefusedException.Reason.BUSY, Duration.ofSeconds(1));
        }
        try {
            boolean matches = passwords.verify(password, hash);
            return usable && matches;
        } finally {
            hashChecks.release();
        }
    }

    /** A hash of a random password, checked for unknown users so that they take as long as known ones. */
    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = passwords.hash(RandomStrings.base62(24));
            dummyHash = h;
        }
        return h;
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        Object primary = principals.getPrimaryPrincipal();
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        if (primary instanceof UserPrincipal p) {
            users.byId(p.id()).filter(Account::enabled).ifPresent(a -> {
                info.addRole(ROLE_USER);
                if (a.admin()) {
                    info.addRole(ROLE_ADMIN);
                }
            });
        }
        return info;
    }

    @Override
    public boolean supports(AuthenticationToken token) {
        return token instanceof UsernamePasswordToken;
    }
}
