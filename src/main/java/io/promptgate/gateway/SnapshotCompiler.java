package io.promptgate.gateway;

import io.promptgate.core.SnapshotSource;
import java.util.concurrent.atomic.AtomicReference;

/** Compiles each new snapshot once and hands the same compiled form to every request until it changes. */
public final class SnapshotCompiler {
    private final SnapshotSource source;
    private final AtomicReference<CompiledSnapshot> compiled = new AtomicReference<>();

    public SnapshotCompiler(SnapshotSource source) {
        this.source = source;
    }

    public CompiledSnapshot current() {
        var snapshot = source.current();
        CompiledSnapshot c = compiled.get();
        if (c != null && c.snapshot() == snapshot) {
            return c;
        }
        CompiledSnapshot fresh = CompiledSnapshot.of(snapshot);
        compiled.set(fresh);
        return fresh;
    }
}
