package io.promptgate.gateway;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.gateway.route.HostNames;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The gateway's entry: every request on a non-reserved path becomes an {@link Exchange} that runs
 * through the {@link Pipeline} asynchronously. Reserved paths (console, admin API, health,
 * metrics, static resources) pass on to the rest of the web application untouched.
 */
public class GatewayFilter extends HttpFilter {
    /** Servlet context attribute under which the bootstrap publishes the wired {@link Gateway}. */
    public static final String GATEWAY_ATTRIBUTE = Gateway.class.getName();
    /**
     * Request attribute on every exchange: the gateway writes its own log line and record for it,
     * so the shipped server.xml has Tomcat's access log skip it ({@code conditionUnless}).
     */
    public static final String RECORDED_ATTRIBUTE = "promptgate.recorded";
    private transient Gateway gateway;

    @Override
    public void init(FilterConfig config) throws ServletException {
        Object attribute = config.getServletContext().getAttribute(GATEWAY_ATTRIBUTE);
        if (!(attribute instanceof Gateway g)) {
            throw new ServletException("PromptGate did not start: see the log above for the cause");
        }
        this.gateway = g;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = RequestPaths.normalise(request.getRequestURI(), request.getContextPath());
        if (path != null && RequestPaths.isReserved(path)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(RECORDED_ATTRIBUTE, Boolean.TRUE);
        String requestId = RequestIds.next();
        response.setHeader("x-request-id", requestId);
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // timeouts belong to the upstream request, not to the container
        Exchange exchange = new Exchange(requestId, request, response, async, gateway.snapshots().current(),
                HostNames.normalise(request.getHeader("Host")), path == null ? "/" : path);
        async.addListener(new ClientDisconnect(exchange, gateway.finisher()));
        if (path == null) {
            gateway.finisher().fail(exchange, GatewayError.of(ErrorKind.INVALID_REQUEST, "Malformed request path"));
            return;
        }
        gateway.pipeline().start(exchange);
    }

    /** The container telling us the client went away (or the request broke) while it was async. */
    private record ClientDisconnect(Exchange exchange, ExchangeFinisher finisher) implements AsyncListener {
        @Override
        public void onError(AsyncEvent event) {
            finisher.clientGone(exchange);
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
