package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** The admin use cases over a real database (SQLite or PostgreSQL, see {@link StoreFixture}) and a temporary data directory. */
final class ServicesFixture implements AutoCloseable {
    static final Caller ADMIN = new Caller(1, "admin", true);

    final StoreFixture store;
    final SnapshotService snapshots;
    final Services services;

    ServicesFixture(Path home, TestEngine engine) {
        store = new StoreFixture(home, engine);
        snapshots = new SnapshotService(store.database.sessionFactory(), store.secrets);
        snapshots.reload();
        // names resolve without DNS: *.internal.test to a private address, everything else to a public one
        UpstreamUrlPolicy urls = new UpstreamUrlPolicy(host -> {
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(host.endsWith(".internal.test") ? "10.0.0.8"
                    : host.matches("[0-9.:a-f\\[\\]]+") ? host : "93.184.216.34")};
        });
        services = Services.create(store.database.sessionFactory(), store.database.dataSource(), store.secrets,
                store.passwords, snapshots, home, urls);
    }

    /** A user caller for {@code username}, who must exist. */
    Caller user(String username) {
        UserDirectory.Account account = services.directory().byUsername(username).orElseThrow();
        return account.caller();
    }

    Caller createUser(String username, String role) {
        services.users().create(ADMIN, new UserService.NewUser(username, role, username + "-password", null));
        return user(username);
    }

    @Override
    public void close() {
        store.close();
    }
}
