package io.promptgate.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.shiro.web.filter.InvalidRequestFilter;

/**
 * Shiro's {@link InvalidRequestFilter} with every block switched on, answering in the admin API's
 * error shape instead of the container's error page: 400 for a path with {@code ;}, {@code \},
 * an encoded {@code .} or {@code /}, a {@code .} or {@code ..} segment, or a non-ASCII character.
 */
public final class JsonInvalidRequestFilter extends InvalidRequestFilter {
    public JsonInvalidRequestFilter() {
        setBlockSemicolon(true);
        setBlockBackslash(true);
        setBlockNonAscii(true);
        setBlockTraversal(true);
        setBlockRewriteTraversal(true);
        setBlockEncodedPeriod(true);
        setBlockEncodedForwardSlash(true);
    }

    @Override
    protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws Exception {
        JsonErrors.write((HttpServletResponse) response, 400, "invalid_path", "Invalid request path");
        return false;
    }
}
