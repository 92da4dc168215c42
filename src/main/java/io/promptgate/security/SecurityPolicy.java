package io.promptgate.security;

import io.promptgate.service.Services;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.shiro.authc.pam.FirstSuccessfulStrategy;
import org.apache.shiro.authc.pam.ModularRealmAuthenticator;
import org.apache.shiro.web.filter.mgt.DefaultFilterChainManager;
import org.apache.shiro.web.filter.mgt.FilterChainResolver;
import org.apache.shiro.web.filter.mgt.PathMatchingFilterChainResolver;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.mgt.WebSecurityManager;
import org.apache.shiro.web.session.mgt.ServletContainerSessionManager;

/**
 * All of PromptGate's Shiro policy, in one place. The Shiro filter is mapped (web.xml) only to
 * {@code /api/*} and {@code /console/*}: it never sees gateway paths. ({@code /metrics} is guarded by its servlet's
 * address allow-list instead, so that scrapers need no account.)
 *
 * <h2>Who is authenticated, and how</h2>
 * <ul>
 *   <li>One realm, {@link PromptGateRealm}: users of the {@code users} table, argon2id hashes,
 *       login throttling ({@link LoginThrottle}, limits from the {@code loginMaxFailures} and
 *       {@code loginLockSeconds} settings), failures and locks audited.</li>
 *   <li>Sessions are the container's ({@link ServletContainerSessionManager}); web.xml makes the
 *       session cookie HttpOnly and SameSite=Strict and sets a 30-minute idle timeout; the container
 *       marks it Secure when the request came over HTTPS. Login ends any previous session and
 *       changes the id ({@link WebLogin}): no fixation. Tracking by cookie only (no {@code ;jsessionid}).</li>
 *   <li>rememberMe ({@link RememberMeCookie}): AES-GCM under a key derived from the install's master
 *       key, a text payload (never Java deserialization), HttpOnly, SameSite=Strict, Secure over
 *       HTTPS, 14 days; void as soon as the user's password changes or the user is disabled.</li>
 *   <li>HTTP Basic for scripts, stateless; no other credentials. Gateway keys ({@code pg_…})
 *       never authenticate here.</li>
 * </ul>
 *
 * <h2>Filter chains (first match wins; every chain starts with {@code invalidRequest})</h2>
 * <pre>
 *   /api/auth/login   loginOrigin             anyone, but not from a foreign origin
 *   /api/users/**     api, admin              administrators
 *   /api/providers/**, /api/routes/**, /api/policies/**, /api/settings/**,
 *   /api/config/**, /api/audit/**, /api/reports/**
 *                     api, admin
 *   /api/**           api                     any authenticated user; the services limit users to their own data
 *                                             (the live log /api/logs/stream shows a user only their own requests)
 *   /console/login.xhtml  consoleLogin        anyone (the console's login page; same realm and throttle as /api/auth/login)
 *   /console/admin/**     console, consoleAdmin   administrators (403 for users)
 *   /console/**           console             any user logged in through the console (session or rememberMe
 *                                             cookie only: HTTP Basic and gateway keys never open it);
 *                                             others are redirected to the login page
 *   /**               api, admin              anything else the filter is ever mapped to: closed by default
 * </pre>
 * {@code invalidRequest} ({@link JsonInvalidRequestFilter}: Shiro's, every block on) answers 400
 * to paths with {@code ;}, {@code \}, encoded {@code .} or {@code /}, {@code ..} or {@code .}
 * segments, or non-ASCII characters, before any chain runs, so no path trick reaches a resource
 * under a different rule. Shiro matches the container's decoded and normalised path,
 * case-sensitively, like Jersey does; a path that differs only in case reaches no resource.
 *
 * <h2>Failures</h2>
 * 401 / 403 / 429 as {@code {"error":{"code","message"}}}; no {@code WWW-Authenticate} challenge
 * on a plain 401 (browsers would pop up a dialog and cache credentials), only after failed Basic
 * credentials.
 */
public final class SecurityPolicy {
    private final DefaultWebSecurityManager securityManager;
    private final PathMatchingFilterChainResolver chains;
    private final WebLogin login;

    /**
     * @param rememberMeKey 32 bytes, stable across restarts (derived from the master key)
     */
    public SecurityPolicy(Services services, PasswordHasher passwords, byte[] rememberMeKey) {
        Objects.requireNonNull(services, "services");
        LoginThrottle throttle = new LoginThrottle(() -> new LoginThrottle.Policy(
                services.settings().admin().loginMaxFailures(),
                Duration.ofSeconds(services.settings().admin().loginLockSeconds())), Clock.systemUTC());
        PromptGateRealm realm = new PromptGateRealm(services.directory(), passwords, throttle, services.audit());

        securityManager = new DefaultWebSecurityManager(realm);
        ModularRealmAuthenticator authenticator = (ModularRealmAuthenticator) securityManager.getAuthenticator();
        authenticator.setAuthenticationStrategy(new FirstSuccessfulStrategy());
        securityManager.setSessionManager(new ServletContainerSessionManager());
        securityManager.setRememberMeManager(new RememberMeCookie(rememberMeKey, PromptGateRealm.NAME));

        DefaultFilterChainManager filters = new DefaultFilterChainManager();
        filters.addFilter("invalidRequest", new JsonInvalidRequestFilter(), false);
        filters.addFilter("loginOrigin", new LoginOriginFilter(), false);
        filters.addFilter("api", new ApiAuthenticationFilter(services.directory()), false);
        filters.addFilter("admin", new AdminOnlyFilter(), false);
        filters.addFilter("consoleLogin", new ConsoleLoginPageFilter(), false);
        filters.addFilter("console", new ConsoleAuthenticationFilter(services.directory()), false);
        filters.addFilter("consoleAdmin", new ConsoleAdminFilter(), false);
        filters.setGlobalFilters(List.of("invalidRequest"));

        filters.createChain("/api/auth/login", "loginOrigin");
        for (String adminOnly : List.of("/api/users/**", "/api/providers/**", "/api/routes/**", "/api/policies/**",
                "/api/settings/**", "/api/config/**", "/api/audit/**", "/api/reports/**")) {
            filters.createChain(adminOnly, "api, admin");
        }
        filters.createChain("/api/**", "api");
        filters.createChain(ConsoleAuthenticationFilter.LOGIN_PAGE, "consoleLogin");
        filters.createChain("/console/admin/**", "console, consoleAdmin");
        filters.createChain("/console/**", "console");
        filters.createChain("/**", "api, admin");

        chains = new PathMatchingFilterChainResolver();
        chains.setFilterChainManager(filters);
        login = new WebLogin(services.directory(), services.audit());
    }

    public WebSecurityManager securityManager() {
        return securityManager;
    }

    public FilterChainResolver filterChainResolver() {
        return chains;
    }

    /** Session login / logout, for the login resource and the console. */
    public WebLogin login() {
        return login;
    }
}
