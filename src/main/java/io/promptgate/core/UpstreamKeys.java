package io.promptgate.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's decrypted upstream keys, handed out round-robin. Lives only in memory; its
 * {@link #toString()} never shows a key.
 */
public final class UpstreamKeys {
    private final List<String> secrets;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamKeys(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public static UpstreamKeys none() {
        return new UpstreamKeys(List.of());
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public int size() {
        return secrets.size();
    }

    /** The next key in turn, or {@code null} when the provider has none (the upstream then decides). */
    public String next() {
        if (secrets.isEmpty()) {
            return null;
        }
        return secrets.get(Math.floorMod(next.getAndIncrement(), secrets.size()));
    }

    @Override
    public String toString() {
        return "UpstreamKeys[" + secrets.size() + " keys]";
    }
}
