package io.promptgate.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The one normalised form of a request path that reserved-path checks, authentication, routing
 * and records all use: percent-decoded once, path parameters ({@code ;x}) dropped, empty and
 * {@code .} segments removed, {@code ..} resolved. {@code null} for a path that cannot be valid.
 */
public final class RequestPaths {
    private RequestPaths() {
    }

    public static String normalise(String requestUri, String contextPath) {
        if (requestUri == null) {
            return null;
        }
        String raw = requestUri;
        if (contextPath != null && !contextPath.isEmpty() && raw.startsWith(contextPath)) {
            raw = raw.substring(contextPath.length());
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded.indexOf('\0') >= 0 || decoded.indexOf('\\') >= 0) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            int semicolon = segment.indexOf(';');
            String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(s);
        }
        return "/" + String.join("/", segments);
    }

    /** True for paths that belong to the console, the admin API or the container, not to the gateway. */
    public static boolean isReserved(String normalisedPath) {
        String p = normalisedPath.toLowerCase(Locale.ROOT);
        if (p.equals("/") || p.equals("/favicon.ico") || p.equals("/robots.txt")) {
            return true;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                return true;
            }
        }
        return p.startsWith("/web-inf") || p.startsWith("/meta-inf");
    }

    private static final String[] RESERVED_PREFIXES = {
        "/api", "/console", "/healthz", "/metrics", "/jakarta.faces.resource", "/javax.faces.resource", "/resources"
    };
}
