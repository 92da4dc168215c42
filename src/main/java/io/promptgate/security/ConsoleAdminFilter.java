package io.promptgate.security;

import io.promptgate.service.Caller;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.shiro.web.servlet.AdviceFilter;

/** After {@link ConsoleAuthenticationFilter}: administrators' console pages answer 403 to everyone else. */
public final class ConsoleAdminFilter extends AdviceFilter {
    @Override
    protected boolean preHandle(ServletRequest request, ServletResponse response) throws Exception {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller && caller.admin()) {
            return true;
        }
        ((HttpServletResponse) response).sendError(403);
        return false;
    }
}
