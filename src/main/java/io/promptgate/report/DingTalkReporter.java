package io.promptgate.report;

import io.promptgate.ops.CronSchedule;
import io.promptgate.ops.DingTalkWebhook;
import io.promptgate.service.AuditLog;
import io.promptgate.service.AuditTrail;
import io.promptgate.service.Caller;
import io.promptgate.service.ConflictException;
import io.promptgate.service.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The DingTalk usage report: when it runs next (its cron in its zone, while enabled), what period
 * it covers (from the previous scheduled run to this one, at most 31 days; a test covers the last
 * 24 hours), and the send itself: build, render, send with retries, audit the outcome.
 */
public final class DingTalkReporter {
    private static final Logger LOG = Logger.getLogger(DingTalkReporter.class.getName());
    static final Duration MAX_PERIOD = Duration.ofDays(31);
    static final Duration TEST_PERIOD = Duration.ofHours(24);

    private final DingTalkSettingsService settings;
    private final UsageReports reports;
    private final DingTalkWebhook webhook;
    private final AuditTrail audit;
    private final Clock clock;
    private final RunClaim claim;
    private final Semaphore testing = new Semaphore(1);

    /** Claims one scheduled run for this node, so that nodes sharing a database send each report once. */
    @FunctionalInterface
    public interface RunClaim {
        boolean claim(Instant runAt) throws Exception;
    }

    public DingTalkReporter(DingTalkSettingsService settings, UsageReports reports, DingTalkWebhook webhook, AuditTrail audit,
                            Clock clock, RunClaim claim) {
        this.settings = settings;
        this.reports = reports;
        this.webhook = webhook;
        this.audit = audit;
        this.clock = clock;
        this.claim = claim;
    }

    /** The outcome of one report send, as the admin API returns it. */
    public record Result(boolean ok, int attempts, Integer status, Integer errcode, String error, Instant from, Instant to) {
    }

    /** The next scheduled run after {@code now}; empty while the report is off or has no webhook. */
    public Optional<ZonedDateTime> nextRun(ZonedDateTime now) {
        DingTalkSettings s = settings.current();
        if (!s.enabled() || s.sealedWebhookUrl() == null) {
            return Optional.empty();
        }
        return CronSchedule.parse(s.cron(), s.timeZone()).nextAfter(now);
    }

    /** The period a report sent at {@code end} covers: since the previous scheduled run. */
    static ZonedDateTime periodStart(CronSchedule schedule, ZonedDateTime end) {
        return schedule.lastBefore(end.minusMinutes(1))
                .filter(start -> Duration.between(start, end).compareTo(MAX_PERIOD) <= 0)
                .orElse(end.minus(TEST_PERIOD));
    }

    /** The scheduled send (on the jobs thread). */
    public void runScheduled() {
        DingTalkSettings s = settings.current();
        CronSchedule schedule = CronSchedule.parse(s.cron(), s.timeZone());
        ZonedDateTime end = ZonedDateTime.now(clock).withZoneSameInstant(schedule.zone()).truncatedTo(ChronoUnit.MINUTES);
        if (!claimed(end.toInstant())) {
            return;
        }
        Result result = send(AuditLog.SYSTEM, "report.dingtalk.send", periodStart(schedule, end), end);
        if (!result.ok()) {
            LOG.warning("The DingTalk usage report was not delivered after " + result.attempts() + " attempt(s): " + result.error());
        }
    }

    private boolean claimed(Instant runAt) {
        try {
            if (claim.claim(runAt)) {
                return true;
            }
            LOG.fine(() -> "The DingTalk report of " + runAt + " was sent by another node");
        } catch (Exception e) {
            LOG.warning("The DingTalk report of " + runAt + " was not sent: its run could not be claimed ("
                    + e.getClass().getSimpleName() + ")");
        }
        return false;
    }

    /** "Send a test report now" (administrators): the last 24 hours, whether or not the schedule is enabled. */
    public Result sendTest(Caller caller) {
        caller.requireAdmin();
        // a send holds its container thread for up to 3 attempts; the container has a few per core
        if (!testing.tryAcquire()) {
            throw new ConflictException("test_running", "A test report is being sent; try again when it has been.");
        }
        try {
            return sendTestNow(caller);
        } finally {
            testing.release();
        }
    }

    private Result sendTestNow(Caller caller) {
        ZoneId zone = ZoneId.of(settings.current().timeZone());
        ZonedDateTime end = ZonedDateTime.now(clock).withZoneSameInstant(zone).truncatedTo(ChronoUnit.MINUTES);
        return send(caller.actor(), "report.dingtalk.test", end.minus(TEST_PERIOD), end);
    }

    private Result send(String actor, String action, ZonedDateTime from, ZonedDateTime to) {
        DingTalkSettings s = settings.current();
        DingTalkSettingsService.Target target = settings.target()
                .orElseThrow(() -> new InvalidInputException("webhookUrl: set the DingTalk webhook URL first"));
        UsageReport report = reports.build(from, to, ZoneId.of(s.timeZone()), s.excludedUsers());
        DingTalkMarkdown.Message message = DingTalkMarkdown.render(report, s.language());
        DingTalkWebhook.Outcome outcome = webhook.sendMarkdown(target.webhookUrl(), target.secret(), message.title(),
                message.text());
        audit.record(actor, action, "dingtalk", (outcome.ok() ? "delivered" : "failed: " + outcome.error()) + " after "
                + outcome.attempts() + " attempt(s); period " + from.toInstant() + " to " + to.toInstant());
        return new Result(outcome.ok(), outcome.attempts(), outcome.status(), outcome.errcode(), outcome.error(), from.toInstant(),
                to.toInstant());
    }
}
