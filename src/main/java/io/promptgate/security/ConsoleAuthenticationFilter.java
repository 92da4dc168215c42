package io.promptgate.security;

import io.promptgate.service.Caller;
import io.promptgate.service.UserDirectory;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.web.servlet.AdviceFilter;

/**
 * Lets console pages through only for a browser logged in by the console's login page (its
 * session or rememberMe cookie), and leaves the {@link Caller} in the request. Nothing else
 * authenticates here: an {@code Authorization} header (HTTP Basic, or a gateway key
 * {@code pg_…}) is ignored. Anyone else is sent to the login page — by a redirect, or for a
 * Faces Ajax postback by a partial-response redirect.
 */
public final class ConsoleAuthenticationFilter extends AdviceFilter {
    /** The login page, relative to the context path. */
    public static final String LOGIN_PAGE = "/console/login.xhtml";

    private final SessionCaller sessions;

    public ConsoleAuthenticationFilter(UserDirectory users) {
        this.sessions = new SessionCaller(users);
    }

    @Override
    protected boolean preHandle(ServletRequest servletRequest, ServletResponse servletResponse) throws Exception {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        Optional<Caller> caller = sessions.of(SecurityUtils.getSubject());
        if (caller.isPresent()) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
            return true;
        }
        toLogin(request, response);
        return false;
    }

    static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String login = request.getContextPath() + LOGIN_PAGE;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login + "\"></redirect></partial-response>");
            return;
        }
        response.sendRedirect(login);
    }
}
