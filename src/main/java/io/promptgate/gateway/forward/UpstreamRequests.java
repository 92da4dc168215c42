package io.promptgate.gateway.forward;

import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/** Builds the upstream request: the caller's headers minus what must not cross, plus the provider's key. */
public final class UpstreamRequests {
    static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    /**
     * Never forwarded: the caller's credentials and cookies, headers the JDK client sets itself,
     * encodings the gateway could not read usage from, and proxy information about the client.
     */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "authorization", "x-api-key", "cookie", "host", "content-length", "expect", "accept-encoding",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "x-request-id");

    private UpstreamRequests() {
    }

    /**
     * @param clientPath the path whose API-relative part is appended to the exit's base URL
     * @param query      the query string to send, or {@code null}
     */
    public static HttpRequest build(HttpServletRequest clientRequest, String clientPath, String query, Provider provider,
                                    Protocol exit, URI base, byte[] body) {
        URI uri = UpstreamPath.resolve(base, exit, clientPath, query);
        HttpRequest.Builder upstream = HttpRequest.newBuilder(uri)
                .timeout(provider.firstByteTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        copyHeaders(clientRequest, exit, upstream);
        upstream.setHeader("content-type", "application/json");
        String key = provider.keys().next();
        if (exit == Protocol.OPENAI) {
            if (key != null) {
                upstream.setHeader("authorization", "Bearer " + key);
            }
        } else {
            if (key != null) {
                upstream.setHeader("x-api-key", key);
            }
            if (clientRequest.getHeader("anthropic-version") == null) {
                upstream.setHeader("anthropic-version", DEFAULT_ANTHROPIC_VERSION);
            }
        }
        return upstream.build();
    }

    private static void copyHeaders(HttpServletRequest clientRequest, Protocol exit, HttpRequest.Builder upstream) {
        Set<String> hopByHop = HopByHopHeaders.forMessage(Collections.list(clientRequest.getHeaders("connection")));
        Enumeration<String> names = clientRequest.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (hopByHop.contains(lower) || NOT_FORWARDED.contains(lower)
                    || (exit == Protocol.OPENAI && lower.startsWith("anthropic-"))) {
                continue;
            }
            Enumeration<String> values = clientRequest.getHeaders(name);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                if (isSendable(value)) {
                    addHeader(upstream, name, value);
                }
            }
        }
    }

    private static void addHeader(HttpRequest.Builder upstream, String name, String value) {
        try {
            upstream.header(name, value);
        } catch (IllegalArgumentException restrictedOrInvalid) {
            // a header the JDK client will not send is left out rather than failing the request
        }
    }

    /** The JDK client refuses control characters in values; such a header is dropped, not fatal. */
    private static boolean isSendable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
