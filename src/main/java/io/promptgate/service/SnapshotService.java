package io.promptgate.service;

import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.SnapshotSource;
import io.promptgate.security.SecretBox;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.SessionFactory;

/**
 * Holds the gateway's configuration snapshot. {@link #current()} never touches the database;
 * {@link #reload()} reads a fresh snapshot in one transaction and swaps it in atomically, with a
 * version one higher than the previous one. A failed reload leaves the current snapshot in place.
 *
 * <p>Several nodes may share the database. A change made through this node calls {@link #reload()},
 * which also moves the stored {@code config_version} on and tells the local-change listeners (who
 * notify the other nodes). The other nodes call {@link #refreshIfChanged()}: on such a notice, and
 * periodically as the safety net; it reloads only when the stored version differs from the one
 * they last read.
 */
public final class SnapshotService implements SnapshotSource {
    private static final Logger LOG = Logger.getLogger(SnapshotService.class.getName());

    private final SessionFactory sessions;
    private final SecretBox secrets;
    private final AtomicReference<GatewaySnapshot> current = new AtomicReference<>(GatewaySnapshot.empty());
    private final List<Runnable> localChangeListeners = new CopyOnWriteArrayList<>();
    /** The stored config_version the current snapshot was read with; -1 before the first read. */
    private volatile long loadedVersion = -1;

    public SnapshotService(SessionFactory sessions, SecretBox secrets) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** The last loaded snapshot (version 0 and empty before the first {@link #reload()}). */
    @Override
    public GatewaySnapshot current() {
        return current.get();
    }

    /**
     * After a configuration change made through this node: moves the stored version on, reads
     * the database and publishes the result, then tells the local-change listeners. Serialized so
     * versions follow publication order.
     */
    public GatewaySnapshot reload() {
        GatewaySnapshot snapshot = read(true);
        for (Runnable listener : localChangeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a configuration change listener failed", e);
            }
        }
        return snapshot;
    }

    /**
     * Reloads if the stored configuration version differs from the one the current snapshot was
     * read with (a change made through another node). Returns whether it reloaded.
     */
    public boolean refreshIfChanged() {
        long stored = sessions.fromTransaction(session -> ((Number) session
                .createNativeQuery("SELECT version FROM config_version WHERE id = 1", Long.class)
                .getSingleResult()).longValue());
        if (stored == loadedVersion) {
            return false;
        }
        read(false);
        return true;
    }

    /** Runs {@code listener} after every {@link #reload()} (a change made through this node). */
    public void onLocalChange(Runnable listener) {
        localChangeListeners.add(listener);
    }

    private synchronized GatewaySnapshot read(boolean bumpVersion) {
        long version = current.get().version() + 1;
        GatewaySnapshot snapshot = sessions.fromTransaction(session -> {
            if (bumpVersion) {
                session.createNativeMutationQuery("UPDATE config_version SET version = version + 1 WHERE id = 1").executeUpdate();
            }
            loadedVersion = ((Number) session.createNativeQuery("SELECT version FROM config_version WHERE id = 1", Long.class)
                    .getSingleResult()).longValue();
            session.setDefaultReadOnly(true);
            return new SnapshotReader(session, secrets).read(version);
        });
        current.set(snapshot);
        LOG.fine(() -> "Configuration snapshot " + version + ": " + snapshot.routes().size() + " routes, "
                + snapshot.providersByName().size() + " providers, " + snapshot.apiKeys().size() + " keys");
        return snapshot;
    }
}
