package io.promptgate.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request check: compares the request's {@code Origin} header (or, when absent, the
 * origin of its {@code Referer}) with the gateway's own origin, which is the scheme, host and port
 * the client used (behind a TLS proxy, Tomcat's RemoteIpValve supplies the scheme).
 */
public final class OriginCheck {
    /** Methods that change nothing; every other method is checked. */
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    public enum Verdict { SAME, FOREIGN, ABSENT }

    private OriginCheck() {
    }

    public static boolean isSafe(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    public static Verdict check(HttpServletRequest request) {
        String own = ownOrigin(request.getScheme(), request.getServerName(), request.getServerPort());
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isBlank()) {
            return own.equals(originOf(origin)) ? Verdict.SAME : Verdict.FOREIGN;
        }
        String referer = request.getHeader("Referer");
        if (referer != null && !referer.isBlank()) {
            return own.equals(originOf(referer)) ? Verdict.SAME : Verdict.FOREIGN;
        }
        return Verdict.ABSENT;
    }

    static String ownOrigin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (port == defaultPort(s) || port <= 0 ? "" : ":" + port);
    }

    /** {@code scheme://host[:port]} of a URL or origin, lower-case, default port left out; null when unreadable. */
    static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return ownOrigin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (Exception e) {
            return null; // "null" (opaque origins) and garbage never match
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }
}
