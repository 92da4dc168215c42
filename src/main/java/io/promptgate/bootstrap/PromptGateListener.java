package io.promptgate.bootstrap;

import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigKey;
import io.promptgate.config.ConfigValues;
import io.promptgate.config.PromptgateHome;
import io.promptgate.gateway.Gateway;
import io.promptgate.gateway.GatewayFilter;
import io.promptgate.gateway.admit.Limiters;
import io.promptgate.gateway.admit.PermitStore;
import io.micrometer.core.instrument.Gauge;
import io.promptgate.ops.ActionEventBus;
import io.promptgate.ops.ActionHistory;
import io.promptgate.ops.ActionLog;
import io.promptgate.ops.ActionNotice;
import io.promptgate.ops.LiveFeed;
import io.promptgate.ops.LocalActionEventBus;
import io.promptgate.ops.GatewayMetrics;
import io.promptgate.ops.MetricsRegistries;
import io.promptgate.ops.RecordDispatcher;
import io.promptgate.security.MasterKey;
import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.service.AuditEvents;
import io.promptgate.service.ConfigImport;
import io.promptgate.service.ConfigVersionWatch;
import io.promptgate.service.InitialAdmin;
import io.promptgate.service.SnapshotService;
import io.promptgate.store.Database;
import io.promptgate.store.RequestRecordStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires PromptGate when the web application starts and takes it down in reverse order when it
 * stops. A start-up problem (bad config file, bad secret key, unreachable database) is logged as
 * one clear message and stops the deployment.
 */
public class PromptGateListener implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(PromptGateListener.class.getName());
    /** Servlet context attribute holding the {@link Database}, for the health endpoint. */
    public static final String DATABASE_ATTRIBUTE = Database.class.getName();
    /** Servlet context attributes for the admin wiring ({@link AdminListener}). */
    public static final String SNAPSHOTS_ATTRIBUTE = SnapshotService.class.getName();
    public static final String SECRETS_ATTRIBUTE = SecretBox.class.getName();
    public static final String PASSWORDS_ATTRIBUTE = PasswordHasher.class.getName();
    public static final String HOME_ATTRIBUTE = "io.promptgate.home";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            start(event.getServletContext());
        } catch (ConfigException e) {
            stopAll();
            LOG.severe("PromptGate did not start: " + e.getMessage());
            throw new IllegalStateException("PromptGate did not start: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            stopAll();
            LOG.log(Level.SEVERE, "PromptGate did not start: " + e.getMessage(), e);
            throw new IllegalStateException("PromptGate did not start: " + e.getMessage(), e);
        }
    }

    private void start(ServletContext context) throws IOException {
        ConfigValues config = ConfigValues.fromEnvironment();
        Path home = PromptgateHome.resolve(config);
        SecretBox secrets = new SecretBox(MasterKey.load(config, home));
        Database database = Database.open(home);
        started.push(database);

        PasswordHasher passwords = new PasswordHasher();
        InitialAdmin.ensure(database.sessionFactory(), passwords, config.get(ConfigKey.ADMIN_PASSWORD));
        new ConfigImport(database.sessionFactory(), secrets, passwords, home)
                .applyConfiguredFile(config)
                .ifPresent(result -> LOG.info("Applied " + config.get(ConfigKey.CONFIG).orElse("config") + ": " + result.summary()));
        SnapshotService snapshots = new SnapshotService(database.sessionFactory(), secrets);
        snapshots.reload();
        ConfigVersionWatch configWatch = new ConfigVersionWatch(snapshots);
        started.push(configWatch);
        Optional<ClusterFeatures> cluster = ClusterFeatures.start(config, snapshots, configWatch, started);
        PermitStore permits = cluster.map(ClusterFeatures::permits).orElse(null);

        RequestRecordStore recordStore = new RequestRecordStore(database.dataSource());
        ActionEventBus events = new LocalActionEventBus();
        ActionHistory history = new ActionHistory(historyCapacity(config));
        events.subscribe(history);
        LiveFeed feed = new LiveFeed(events, history, LiveFeed.DEFAULT_QUEUE);
        ActionLog actionLog = new ActionLog(home, ZoneId.systemDefault(), () -> snapshots.current().settings().logLanguage(),
                events);
        started.push(actionLog);
        cluster.ifPresent(c -> c.shareActionLog(actionLog));
        AuditEvents.listen(database.sessionFactory(), e -> ActionNotice.fromAudit(e.time(), e.actor(), e.action(), e.target(),
                e.detail()).ifPresent(actionLog::notice));
        MetricsRegistries metrics = new MetricsRegistries();
        started.push(metrics);
        Gauge.builder("promptgate.feed.subscribers", feed, LiveFeed::subscribers).register(metrics.registry());
        Gauge.builder("promptgate.feed.dropped", feed, LiveFeed::dropped).register(metrics.registry());
        RecordDispatcher records = new RecordDispatcher(200_000, List.of(batch -> {
            try {
                recordStore.insertBatch(batch);
            } catch (java.sql.SQLException e) {
                throw new UncheckedIOException(new IOException("could not write " + batch.size() + " request records", e));
            }
        }, actionLog, new GatewayMetrics(metrics.registry())));
        started.push(records);
        Gauge.builder("promptgate.records.backlog", records, RecordDispatcher::backlog).register(metrics.registry());
        Gauge.builder("promptgate.records.dropped", records, RecordDispatcher::dropped).register(metrics.registry());

        AdmissionMBeans mbeans = new AdmissionMBeans(context.getContextPath());
        started.push(mbeans);
        Limiters limiters = new Limiters(limiter -> {
            mbeans.register(limiter);
            AdmissionGauges.register(metrics.registry(), limiter);
        }, permits);
        mbeans.register(limiters.keyLevel());
        AdmissionGauges.register(metrics.registry(), limiters.keyLevel());
        Gateway gateway = new Gateway(snapshots, records, limiters);
        started.push(gateway);
        context.setAttribute(GatewayFilter.GATEWAY_ATTRIBUTE, gateway);
        context.setAttribute(DATABASE_ATTRIBUTE, database);
        context.setAttribute(MetricsServlet.REGISTRIES_ATTRIBUTE, metrics);
        context.setAttribute(SNAPSHOTS_ATTRIBUTE, snapshots);
        context.setAttribute(SECRETS_ATTRIBUTE, secrets);
        context.setAttribute(PASSWORDS_ATTRIBUTE, passwords);
        context.setAttribute(HOME_ATTRIBUTE, home);
        context.setAttribute(ActionFeedServlet.FEED_ATTRIBUTE, feed);
        LOG.info("PromptGate started: data in " + home + ", " + snapshots.current().routes().size() + " route(s), "
                + (permits == null ? "limits per node" : "cluster-wide limits in Redis"));
    }

    /** The {@code logHistory} start-up setting: events the in-memory history keeps. */
    static int historyCapacity(ConfigValues config) {
        String value = config.get(ConfigKey.LOG_HISTORY).orElse(Integer.toString(ActionHistory.DEFAULT_CAPACITY)).trim();
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(ConfigKey.LOG_HISTORY.describe() + ": must be a number of events between 1 and 1000000");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(GatewayFilter.GATEWAY_ATTRIBUTE);
        stopAll();
    }

    /** Closes in reverse start order: gateway, then the record writer (drains), then the database. */
    private void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "while stopping " + c.getClass().getSimpleName(), e);
            }
        }
    }
}
