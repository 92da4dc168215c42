package io.promptgate.bootstrap;

import io.promptgate.admin.DingTalkReportResource;
import io.promptgate.ops.DingTalkWebhook;
import io.promptgate.ops.RecordRetention;
import io.promptgate.ops.ScheduledJobs;
import io.promptgate.report.DingTalkReporter;
import io.promptgate.report.DingTalkSettingsService;
import io.promptgate.report.Reports;
import io.promptgate.report.UsageReports;
import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.security.SecurityPolicy;
import io.promptgate.service.Services;
import io.promptgate.service.SnapshotService;
import io.promptgate.service.UpstreamUrlPolicy;
import io.promptgate.store.Database;
import io.promptgate.store.JobClaims;
import io.promptgate.store.RequestRecordStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the admin API's use cases and security policy once {@link PromptGateListener} has
 * started the database and the gateway (web.xml declares it right after that listener and before
 * Shiro's): publishes {@link Services} and {@link SecurityPolicy} as servlet context attributes,
 * where {@link ShiroEnvironment} and the JAX-RS application pick them up.
 */
public class AdminListener implements ServletContextListener {
    /** Servlet context attribute holding the {@link SecurityPolicy}. */
    public static final String SECURITY_ATTRIBUTE = SecurityPolicy.class.getName();

    /** The purpose name of the rememberMe cookie key derived from the master key. */
    static final String REMEMBER_ME_KEY_PURPOSE = "rememberMe";
    static final String RETENTION_JOB = "record-retention";
    /** Retries of a failed DingTalk send wait 2 s, then 4 s. */
    static final Duration WEBHOOK_BACKOFF = Duration.ofSeconds(2);
    /** Purged records per transaction, and the pause that lets the record writer in between. */
    static final int PURGE_BATCH = 1000;
    static final Duration PURGE_PAUSE = Duration.ofMillis(50);

    private ScheduledJobs jobs;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Database database = required(context, PromptGateListener.DATABASE_ATTRIBUTE, Database.class);
        SnapshotService snapshots = required(context, PromptGateListener.SNAPSHOTS_ATTRIBUTE, SnapshotService.class);
        SecretBox secrets = required(context, PromptGateListener.SECRETS_ATTRIBUTE, SecretBox.class);
        PasswordHasher passwords = required(context, PromptGateListener.PASSWORDS_ATTRIBUTE, PasswordHasher.class);
        Path home = required(context, PromptGateListener.HOME_ATTRIBUTE, Path.class);

        Services services = Services.create(database.sessionFactory(), database.dataSource(), secrets, passwords, snapshots, home);
        SecurityPolicy security = new SecurityPolicy(services, passwords, secrets.deriveKey(REMEMBER_ME_KEY_PURPOSE));
        context.setAttribute(Services.ATTRIBUTE, services);
        context.setAttribute(SECURITY_ATTRIBUTE, security);
        context.setAttribute(Reports.ATTRIBUTE, startJobs(database, secrets, services));
    }

    /** The daily operations jobs on one scheduler thread: the DingTalk usage report and the record retention purge. */
    private Reports startJobs(Database database, SecretBox secrets, Services services) {
        jobs = new ScheduledJobs(Clock.systemDefaultZone());
        JobClaims jobClaims = new JobClaims(database.dataSource()); // one node sends each scheduled report
        DingTalkSettingsService dingTalkSettings = new DingTalkSettingsService(database.sessionFactory(), secrets,
                new UpstreamUrlPolicy(), services.settings());
        DingTalkReporter dingTalk = new DingTalkReporter(dingTalkSettings, new UsageReports(services.analytics()),
                new DingTalkWebhook(Clock.systemUTC(), WEBHOOK_BACKOFF), services.audit(), Clock.systemUTC(),
                runAt -> jobClaims.claim(DingTalkReportResource.JOB, runAt));
        jobs.add(DingTalkReportResource.JOB, dingTalk::nextRun, dingTalk::runScheduled);
        dingTalkSettings.onChange(() -> jobs.reschedule(DingTalkReportResource.JOB));

        RequestRecordStore records = new RequestRecordStore(database.dataSource());
        RecordRetention retention = new RecordRetention(() -> services.settings().admin().recordRetentionDays(),
                () -> services.settings().admin().timeZone(),
                cutoff -> records.purgeOlderThan(cutoff, PURGE_BATCH, PURGE_PAUSE), Clock.systemUTC());
        jobs.add(RETENTION_JOB, retention::nextRun, retention);
        return new Reports(jobs, dingTalkSettings, dingTalk);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(Reports.ATTRIBUTE);
        event.getServletContext().removeAttribute(SECURITY_ATTRIBUTE);
        event.getServletContext().removeAttribute(Services.ATTRIBUTE);
        if (jobs != null) {
            jobs.close();
        }
    }

    private static <T> T required(ServletContext context, String name, Class<T> type) {
        Object value = context.getAttribute(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("PromptGate did not start: " + name + " is missing (see the log above)");
        }
        return type.cast(value);
    }
}
