package io.promptgate.bootstrap;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Mapped to {@code /} with async support so that the gateway filter can go async on any path
 * (a servlet chain is async only if its servlet is). Requests the filter lets through are served
 * by the container's own default servlet, except the root, which redirects to the console.
 */
public class StaticResourceServlet extends HttpServlet {
    private static final String CONTAINER_DEFAULT_SERVLET = "default";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("/".equals(request.getServletPath()) && request.getPathInfo() == null) {
            response.sendRedirect(request.getContextPath() + "/console/");
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
