package io.promptgate.bootstrap;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Mapped to {@code /} with async support so that the gateway filter can go async on any path
 * (a servlet chain is async only if its servlet is). Requests the filter lets through are served
 * by the container's own default servlet, except the root and {@code /console/}, which redirect
 * to the console's dashboard.
 */
public class StaticResourceServlet extends HttpServlet {
    private static final String CONTAINER_DEFAULT_SERVLET = "default";
    /** The console's first page; the console's security filter sends strangers on to its login page. */
    private static final String CONSOLE_HOME = "/console/index.xhtml";
    private static final Set<String> CONSOLE_ENTRIES = Set.of("/", "/console", "/console/");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (CONSOLE_ENTRIES.contains(path)) {
            response.sendRedirect(request.getContextPath() + CONSOLE_HOME);
            return;
        }
        RequestDispatcher dispatcher = getServletContext().getNamedDispatcher(CONTAINER_DEFAULT_SERVLET);
        if (dispatcher == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        dispatcher.forward(request, response);
    }
}
