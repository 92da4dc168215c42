package io.promptgate.bootstrap;

import io.promptgate.ops.MetricsRegistries;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /metrics}: Prometheus text for a scraper on an allow-listed address
 * ({@code PROMPTGATE_METRICS_ALLOW} / {@code promptgate.metricsAllow}, comma-separated; default
 * loopback only). The address is the container's view of the client, so behind a proxy it is
 * the one Tomcat's RemoteIpValve settled on.
 */
public class MetricsServlet extends HttpServlet {
    static final String REGISTRIES_ATTRIBUTE = MetricsRegistries.class.getName();
    private static final String DEFAULT_ALLOW = "127.0.0.1,0:0:0:0:0:0:0:1,::1";
    private transient Set<String> allowed;

    @Override
    public void init() {
        String configured = System.getProperty("promptgate.metricsAllow", System.getenv("PROMPTGATE_METRICS_ALLOW"));
        allowed = Arrays.stream((configured == null || configured.isBlank() ? DEFAULT_ALLOW : configured).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object registries = getServletContext().getAttribute(REGISTRIES_ATTRIBUTE);
        if (!allowed.contains(request.getRemoteAddr())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (!(registries instanceof MetricsRegistries metrics)) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(metrics.prometheusText().getBytes(StandardCharsets.UTF_8));
    }
}
