package io.promptgate.gateway.forward;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Headers that belong to one connection and never cross the gateway, in either direction, plus
 * the ones named in a {@code Connection} header.
 */
public final class HopByHopHeaders {
    /** RFC 9110 §7.6.1 and the de-facto extras; lower-case. */
    public static final Set<String> NAMES = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private HopByHopHeaders() {
    }

    /** The hop-by-hop names plus every name listed in the given {@code Connection} header values. */
    public static Set<String> forMessage(Iterable<String> connectionHeaderValues) {
        Set<String> names = null;
        for (String value : connectionHeaderValues) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    if (names == null) {
                        names = new HashSet<>(NAMES);
                    }
                    names.add(name);
                }
            }
        }
        return names == null ? NAMES : names;
    }
}
