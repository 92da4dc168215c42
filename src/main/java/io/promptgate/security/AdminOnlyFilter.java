package io.promptgate.security;

import io.promptgate.service.Caller;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.shiro.web.servlet.AdviceFilter;

/** After {@link ApiAuthenticationFilter}: lets only administrators through (403 otherwise). */
public final class AdminOnlyFilter extends AdviceFilter {
    @Override
    protected boolean preHandle(ServletRequest request, ServletResponse response) throws Exception {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller && caller.admin()) {
            return true;
        }
        JsonErrors.write((HttpServletResponse) response, 403, "forbidden", "Administrators only");
        return false;
    }
}
