package io.promptgate.core;

/** Port: where the gateway reads the current configuration snapshot from. */
@FunctionalInterface
public interface SnapshotSource {
    GatewaySnapshot current();
}
