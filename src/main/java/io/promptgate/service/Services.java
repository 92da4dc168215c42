package io.promptgate.service;

import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The use cases of the admin API and the console, wired over one database. Each owns its
 * transactions and publishes configuration changes to the gateway's {@link SnapshotService}.
 */
public record Services(
        UserDirectory directory,
        UserService users,
        KeyService keys,
        ProviderService providers,
        PolicyService policies,
        RouteService routes,
        SettingsService settings,
        ConfigTransfer config,
        RequestLogService logs,
        AnalyticsService analytics,
        AuditTrail audit) {

    /** Servlet context attribute under which the bootstrap publishes the wired services. */
    public static final String ATTRIBUTE = Services.class.getName();

    public Services {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(audit, "audit");
    }

    /**
     * @param home the data directory (where file imports write generated keys)
     */
    public static Services create(SessionFactory sessions, DataSource dataSource, SecretBox secrets, PasswordHasher passwords,
                                  SnapshotService snapshots, Path home) {
        return create(sessions, dataSource, secrets, passwords, snapshots, home, new UpstreamUrlPolicy());
    }

    /** As {@link #create(SessionFactory, DataSource, SecretBox, PasswordHasher, SnapshotService, Path)}, with a given URL policy. */
    public static Services create(SessionFactory sessions, DataSource dataSource, SecretBox secrets, PasswordHasher passwords,
                                  SnapshotService snapshots, Path home, UpstreamUrlPolicy urls) {
        ConfigImport imports = new ConfigImport(sessions, secrets, passwords, home);
        DocumentEdits edits = new DocumentEdits(imports, snapshots);
        SettingsService settings = new SettingsService(sessions, snapshots);
        UserDirectory directory = new UserDirectory(sessions);
        KeyService keys = new KeyService(sessions, snapshots);
        return new Services(
                directory,
                new UserService(sessions, passwords, snapshots),
                keys,
                new ProviderService(sessions, edits, settings, urls, new ConnectionTester(secrets, urls)),
                new PolicyService(sessions, edits),
                new RouteService(sessions, edits, snapshots),
                settings,
                new ConfigTransfer(sessions, imports, snapshots, settings, urls),
                new RequestLogService(dataSource, keys, directory),
                new AnalyticsService(dataSource, settings, keys, directory),
                new AuditTrail(sessions));
    }
}
