package io.promptgate.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.shiro.web.servlet.AdviceFilter;

/**
 * On the login endpoint (which no cookie authenticates yet): refuses a request from a foreign
 * origin, so that no other site can log a browser in under its own account.
 */
public final class LoginOriginFilter extends AdviceFilter {
    @Override
    protected boolean preHandle(ServletRequest request, ServletResponse response) throws Exception {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!OriginCheck.isSafe(http) && OriginCheck.check(http) == OriginCheck.Verdict.FOREIGN) {
            JsonErrors.write((HttpServletResponse) response, 403, "cross_origin", "Cross-site request refused");
            return false;
        }
        ((HttpServletResponse) response).setHeader("Cache-Control", "no-store");
        return true;
    }
}
