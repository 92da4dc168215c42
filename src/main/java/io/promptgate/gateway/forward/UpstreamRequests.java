package io.promptgate.gateway.forward;

import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;

/** Builds the upstream request: the caller's headers minus what must not cross, plus the provider's key. */
public final class UpstreamRequests {
    static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
    private static final long CONNECTION_IDLE_MARGIN_MS = 5_000;

    /**
     * Never forwarded: the caller's credentials and cookies, headers the HTTP client sets itself,
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
    public static Request build(HttpClient client, HttpServletRequest clientRequest, String clientPath, String query,
                                Provider provider, Protocol exit, URI base, byte[] body) {
        URI uri = UpstreamPath.resolve(base, exit, clientPath, query);
        Request upstream = client.newRequest(uri)
                .method(HttpMethod.POST)
                // the connection's own idle limit stays behind the gateway's (IdleWatchdog), which answers first
                .idleTimeout(Math.max(provider.idleTimeout().toMillis(), provider.firstByteTimeout().toMillis())
                        + CONNECTION_IDLE_MARGIN_MS, TimeUnit.MILLISECONDS)
                .body(new ByteBufferRequestContent("application/json", ByteBuffer.wrap(body))); // no stream per request, unlike BytesRequestContent
        upstream.headers(headers -> {
            copyHeaders(clientRequest, exit, headers);
            // set here: left to the client, it would rebuild and re-parse the request's URI on every send
            headers.put("host", hostHeader(uri));
            headers.put("content-type", "application/json");
            String key = provider.keys().next();
            if (exit == Protocol.OPENAI) {
                if (key != null) {
                    headers.put("authorization", "Bearer " + key);
                }
            } else {
                if (key != null) {
                    headers.put("x-api-key", key);
                }
                if (clientRequest.getHeader("anthropic-version") == null) {
                    headers.put("anthropic-version", DEFAULT_ANTHROPIC_VERSION);
                }
            }
        });
        return upstream;
    }

    private static void copyHeaders(HttpServletRequest clientRequest, Protocol exit, HttpFields.Mutable upstream) {
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
                    upstream.add(name, value);
                }
            }
        }
    }

    /** The upstream's host and explicit port, as the client would send them (never a user-info part). */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    /** Control characters and non-Latin-1 text cannot go on the wire as a header value: such a header is dropped. */
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
