package io.promptgate.gateway.forward;

import io.promptgate.core.Protocol;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where on a provider's exit a request goes. The API-relative part of the client path (what
 * follows its {@code /v1}) is appended to the exit's base URL: an OpenAI base URL carries its
 * version segment, an Anthropic one does not. The upstream is never taken from the request.
 */
public final class UpstreamPath {
    private static final String VERSION_SEGMENT = "/v1/";
    static final int MAX_RESOLVED = 256;
    private static final Map<Key, URI> RESOLVED = new ConcurrentHashMap<>();

    private record Key(URI base, Protocol exit, String clientPath) {
    }

    private UpstreamPath() {
    }

    public static URI resolve(URI base, Protocol exit, String clientPath, String query) {
        if (query != null && !query.isEmpty()) {
            return build(base, exit, clientPath, query);
        }
        // the same few paths on every request: each URI is parsed once, not once per request
        Key key = new Key(base, exit, clientPath);
        URI uri = RESOLVED.get(key);
        if (uri == null) {
            uri = build(base, exit, clientPath, null);
            if (RESOLVED.size() >= MAX_RESOLVED) {
                RESOLVED.clear(); // many distinct paths: start over rather than keep old ones forever
            }
            RESOLVED.put(key, uri);
        }
        return uri;
    }

    private static URI build(URI base, Protocol exit, String clientPath, String query) {
        String apiPath = apiRelative(clientPath, exit);
        String baseText = base.toString();
        if (baseText.endsWith("/")) {
            baseText = baseText.substring(0, baseText.length() - 1);
        }
        String versioned = exit == Protocol.ANTHROPIC ? "/v1" + apiPath : apiPath;
        return URI.create(baseText + versioned + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** {@code /v1/chat/completions} → {@code /chat/completions}; a path without {@code /v1/} gets the protocol's main call. */
    static String apiRelative(String clientPath, Protocol exit) {
        int at = clientPath.lastIndexOf(VERSION_SEGMENT);
        if (at >= 0) {
            return clientPath.substring(at + VERSION_SEGMENT.length() - 1);
        }
        return exit == Protocol.OPENAI ? "/chat/completions" : "/messages";
    }
}
