package io.promptgate.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

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
        if (isCanonical(raw)) {
            return raw; // nearly every request: nothing to decode, drop or resolve
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

    /**
     * True when normalising cannot change {@code raw}: it starts with {@code /} and has no escapes,
     * path parameters, backslashes or NULs, and no empty, {@code .} or {@code ..} segment.
     */
    static boolean isCanonical(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= raw.length(); i++) {
            char c = i < raw.length() ? raw.charAt(i) : '/';
            if (c == '/') {
                int length = i - segmentStart;
                if (length == 0) {
                    return raw.length() == 1; // "/" itself, otherwise "//" or a trailing slash
                }
                if (raw.charAt(segmentStart) == '.' && (length == 1 || length == 2 && raw.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c == '%' || c == ';' || c == '\\' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /** True for paths that belong to the console, the admin API or the container, not to the gateway. */
    public static boolean isReserved(String normalisedPath) {
        String p = normalisedPath;
        if (p.equals("/") || isIgnoringCase(p, "/favicon.ico") || isIgnoringCase(p, "/robots.txt")) {
            return true;
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (startsWithIgnoreCase(p, prefix) && (p.length() == prefix.length() || p.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return startsWithIgnoreCase(p, "/web-inf") || startsWithIgnoreCase(p, "/meta-inf");
    }

    private static boolean isIgnoringCase(String s, String lowerAscii) {
        return s.length() == lowerAscii.length() && startsWithIgnoreCase(s, lowerAscii);
    }

    /** ASCII letters only, as {@code toLowerCase(Locale.ROOT)} did for these prefixes, without a copy per check. */
    private static boolean startsWithIgnoreCase(String s, String lowerAsciiPrefix) {
        if (s.length() < lowerAsciiPrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerAsciiPrefix.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerAsciiPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final String[] RESERVED_PREFIXES = {
        "/api", "/console", "/healthz", "/metrics", "/jakarta.faces.resource", "/javax.faces.resource", "/resources"
    };
}
