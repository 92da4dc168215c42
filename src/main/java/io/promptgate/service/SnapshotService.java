package io.promptgate.service;

import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.SnapshotSource;
import io.promptgate.security.SecretBox;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;

/**
 * Holds the gateway's configuration snapshot. {@link #current()} never touches the database;
 * {@link #reload()} reads a fresh snapshot in one read transaction and swaps it in atomically,
 * with a version one higher than the previous one. A failed reload leaves the current snapshot in place.
 */
public final class SnapshotService implements SnapshotSource {
    private static final Logger LOG = Logger.getLogger(SnapshotService.class.getName());

    private final SessionFactory sessions;
    private final SecretBox secrets;
    private final AtomicReference<GatewaySnapshot> current = new AtomicReference<>(GatewaySnapshot.empty());

    public SnapshotService(SessionFactory sessions, SecretBox secrets) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The last loaded snapshot (version 0 and empty before the first {@link #reload()}). */
    @Override
    public GatewaySnapshot current() {
        return current.get();
    }

    /** Reads the database and publishes the result; serialized so versions follow publication order. */
    public synchronized GatewaySnapshot reload() {
        long version = current.get().version() + 1;
        GatewaySnapshot snapshot = sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return new SnapshotReader(session, secrets).read(version);
        });
        current.set(snapshot);
        LOG.fine(() -> "Configuration snapshot " + version + ": " + snapshot.routes().size() + " routes, "
                + snapshot.providersByName().size() + " providers, " + snapshot.apiKeys().size() + " keys");
        return snapshot;
    }
}
