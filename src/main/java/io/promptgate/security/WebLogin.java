package io.promptgate.security;

import io.promptgate.service.AuditTrail;
import io.promptgate.service.Caller;
import io.promptgate.service.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Objects;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;

/**
 * Session login and logout for the admin API and the console. A login always starts a new
 * session with a new id (any session the browser had is ended first, then the id is changed once
 * more after authentication), so a session id planted before login is worth nothing after it.
 */
public final class WebLogin {
    private final UserDirectory users;
    private final AuditTrail audit;

    public WebLogin(UserDirectory users, AuditTrail audit) {
        this.users = Objects.requireNonNull(users, "users");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Logs the current browser in.
     *
     * @throws LoginRefusedException when throttled or busy
     * @throws org.apache.shiro.authc.AuthenticationException when the credentials do not hold
     */
    public Caller login(HttpServletRequest request, String username, String password, boolean rememberMe) {
        Subject subject = SecurityUtils.getSubject();
        if (subject.getPrincipal() != null || subject.getSession(false) != null) {
            subject.logout(); // no fixation: whatever session came in is ended, never upgraded
        }
        UsernamePasswordToken token = new UsernamePasswordToken(username, password == null ? new char[0] : password.toCharArray(),
                rememberMe, request.getRemoteAddr());
        try {
            subject.login(token);
        } finally {
            token.clear();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
        }
        UserPrincipal principal = (UserPrincipal) subject.getPrincipal();
        audit.record(principal.username(), "login", principal.username(),
                "from " + request.getRemoteAddr() + (rememberMe ? ", remember me" : ""));
        return users.byId(principal.id()).orElseThrow().caller();
    }

    /** Ends the session and forgets the rememberMe cookie. */
    public void logout(Caller caller) {
        SecurityUtils.getSubject().logout();
        audit.record(caller.actor(), "logout", caller.username(), null);
    }
}
