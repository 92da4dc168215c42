package io.promptgate.security;

import io.promptgate.service.Caller;
import io.promptgate.service.UserDirectory;
import io.promptgate.service.UserDirectory.Account;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.servlet.AdviceFilter;

/**
 * Authenticates every admin API request (except login) and leaves its {@link Caller} in the
 * request. Two ways in, nothing else:
 * <ul>
 *   <li>{@code Authorization: Basic} (scripts): checked by the realm like a login, throttled
 *       alike, stateless (no session is created);</li>
 *   <li>the session cookie or the rememberMe cookie (browsers).</li>
 * </ul>
 * Any other {@code Authorization} header, gateway keys ({@code Bearer pg_…}) included, is refused
 * with 401, as is a request with neither. The account behind a session or cookie is re-read on
 * every request: a deleted or disabled user, or one whose password changed since, is logged out.
 *
 * <p>Cross-site requests: a state-changing request (not GET, HEAD, OPTIONS) whose {@code Origin}
 * (or, absent that, {@code Referer}) is not the gateway's own origin is refused with 403; one
 * authenticated by cookie must also carry one of the two headers.
 */
public final class ApiAuthenticationFilter extends AdviceFilter {
    private final UserDirectory users;
    private final SessionCaller sessions;

    public ApiAuthenticationFilter(UserDirectory users) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = new SessionCaller(users);
    }

    @Override
    protected boolean preHandle(ServletRequest servletRequest, ServletResponse servletResponse) throws Exception {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        boolean safe = OriginCheck.isSafe(request);
        OriginCheck.Verdict origin = OriginCheck.check(request);
        if (!safe && origin == OriginCheck.Verdict.FOREIGN) {
            JsonErrors.write(response, 403, "cross_origin", "Cross-site request refused");
            return false;
        }
        String authorization = request.getHeader("Authorization");
        Caller caller;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                JsonErrors.write(response, 401, "unsupported_credentials",
                        "The admin API takes a session or HTTP Basic with a console user; gateway keys do not open it");
                return false;
            }
            caller = basic(request, response, authorization.substring(6).trim());
        } else {
            caller = fromCookie(response);
            if (caller != null && !safe && origin == OriginCheck.Verdict.ABSENT) {
                JsonErrors.write(response, 403, "cross_origin",
                        "A state-changing request authenticated by cookie must carry an Origin or Referer header");
                return false;
            }
        }
        if (caller == null) {
            return false;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        return true;
    }

    /** The caller of a session or rememberMe cookie; null (and 401 written) when there is none or it is no longer valid. */
    private Caller fromCookie(HttpServletResponse response) throws Exception {
        Subject subject = SecurityUtils.getSubject();
        if (!SessionCaller.hadPrincipal(subject)) {
            JsonErrors.write(response, 401, "unauthenticated", "Log in first");
            return null;
        }
        Optional<Caller> caller = sessions.of(subject);
        if (caller.isEmpty()) {
            JsonErrors.write(response, 401, "session_ended", "The session has ended; log in again");
            return null;
        }
        return caller.get();
    }

    /** The caller of HTTP Basic credentials; null (and 401/429/503 written) when they do not hold. */
    private Caller basic(HttpServletRequest request, HttpServletResponse response, String encoded) throws Exception {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            challenge(response, "invalid_credentials", "Malformed Basic credentials");
            return null;
        }
        UsernamePasswordToken token = new UsernamePasswordToken(decoded.substring(0, colon),
                decoded.substring(colon + 1).toCharArray(), false, request.getRemoteAddr());
        try {
            // authenticate only: no Subject login, so no session and no rememberMe cookie
            AuthenticationInfo info = SecurityUtils.getSecurityManager().authenticate(token);
            UserPrincipal principal = (UserPrincipal) info.getPrincipals().getPrimaryPrincipal();
            Optional<Account> account = users.byId(principal.id()).filter(Account::enabled);
            if (account.isEmpty()) {
                challenge(response, "invalid_credentials", "Wrong user name or password");
                return null;
            }
            return account.get().caller();
        } catch (LoginRefusedException e) {
            refused(response, e);
            return null;
        } catch (AuthenticationException e) {
            challenge(response, "invalid_credentials", "Wrong user name or password");
            return null;
        } finally {
            token.clear();
        }
    }

    static void refused(HttpServletResponse response, LoginRefusedException e) throws IOException {
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        int status = e.reason() == LoginRefusedException.Reason.BUSY ? 503 : 429;
        String code = e.reason().name().toLowerCase(Locale.ROOT);
        JsonErrors.write(response, status, code, e.getMessage());
    }

    private static void challenge(HttpServletResponse response, String code, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"PromptGate\", charset=\"UTF-8\"");
        JsonErrors.write(response, 401, code, message);
    }
}
