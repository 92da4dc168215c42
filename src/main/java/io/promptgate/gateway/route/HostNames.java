package io.promptgate.gateway.route;

import java.util.Locale;

/** Host header normalisation shared by routing and records: lower-case, no port, no trailing dot. */
public final class HostNames {
    private HostNames() {
    }

    public static String normalise(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return "";
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(0, close + 1) : host;
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
