package io.promptgate.gateway.auth;

import io.promptgate.core.ApiKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gateway keys by the SHA-256 of the whole key; the key itself is never held. */
public final class KeyIndex {
    private final Map<ByteBuffer, ApiKey> byHash = new HashMap<>();

    public KeyIndex(List<ApiKey> keys) {
        for (ApiKey key : keys) {
            byHash.put(ByteBuffer.wrap(key.sha256().clone()), key);
        }
    }

    /** The key whose hash equals {@code sha256}, compared in constant time, or {@code null}. */
    public ApiKey find(byte[] sha256) {
        ApiKey candidate = byHash.get(ByteBuffer.wrap(sha256));
        if (candidate == null || !MessageDigest.isEqual(candidate.sha256(), sha256)) {
            return null;
        }
        return candidate;
    }

    public int size() {
        return byHash.size();
    }
}
