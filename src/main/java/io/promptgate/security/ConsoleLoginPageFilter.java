package io.promptgate.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.shiro.web.servlet.AdviceFilter;

/** The console's login page: open to anyone, never cached, never framed. */
public final class ConsoleLoginPageFilter extends AdviceFilter {
    @Override
    protected boolean preHandle(ServletRequest request, ServletResponse servletResponse) {
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        return true;
    }
}
