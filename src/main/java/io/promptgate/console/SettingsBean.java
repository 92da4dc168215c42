package io.promptgate.console;

import io.promptgate.admin.DingTalkReportResource;
import io.promptgate.report.DingTalkReporter;
import io.promptgate.report.Reports;
import io.promptgate.service.AdminSettings;
import io.promptgate.service.ServiceException;
import io.promptgate.service.SettingsCodec;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global settings (administrators): the gateway's limits, fallback statuses and log language, login
 * throttling, private upstreams, the analytics calendar and the request-record retention (the
 * settings service), and the DingTalk usage report (its own settings service, its next run and
 * "send a test report now"). Each service validates its settings as a whole; its problems show
 * next to their fields. The report's webhook URL and signing secret are write-only.
 */
@Named
@ViewScoped
public class SettingsBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    private Integer globalConcurrency;
    private Integer globalQueue;
    private Long queueTimeoutMs;
    private Long maxBodyBytes;
    private String logLanguage;
    private String fallbackStatuses;
    private Integer loginMaxFailures;
    private Long loginLockSeconds;
    private boolean allowPrivateUpstreams;
    private String timeZone;
    private Integer dayStartHour;
    private String weekStart;
    private Integer recordRetentionDays;
    private DingTalkForm dingTalk;
    private String nextRun;
    private TestOutcome testOutcome;

    /** What "send a test report now" answered: delivered or not, in the page's language. */
    public record TestOutcome(boolean ok, String text) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean isOk() {
            return ok;
        }

        public String getText() {
            return text;
        }
    }

    @PostConstruct
    void init() {
        load();
        loadDingTalk();
    }

    void load() {
        Map<String, Object> all = console.services().settings().get();
        globalConcurrency = number(all.get(SettingsCodec.GLOBAL_CONCURRENCY)).intValue();
        globalQueue = number(all.get(SettingsCodec.GLOBAL_QUEUE)).intValue();
        queueTimeoutMs = number(all.get(SettingsCodec.QUEUE_TIMEOUT_MS)).longValue();
        maxBodyBytes = number(all.get(SettingsCodec.MAX_BODY_BYTES)).longValue();
        logLanguage = String.valueOf(all.get(SettingsCodec.LOG_LANGUAGE));
        fallbackStatuses = all.get(SettingsCodec.FALLBACK_STATUSES) instanceof Collection<?> c
                ? String.join(", ", c.stream().map(String::valueOf).toList()) : "";
        loginMaxFailures = number(all.get(AdminSettings.LOGIN_MAX_FAILURES)).intValue();
        loginLockSeconds = number(all.get(AdminSettings.LOGIN_LOCK_SECONDS)).longValue();
        allowPrivateUpstreams = Boolean.TRUE.equals(all.get(AdminSettings.ALLOW_PRIVATE_UPSTREAMS));
        timeZone = String.valueOf(all.get(AdminSettings.TIME_ZONE));
        dayStartHour = number(all.get(AdminSettings.DAY_START_HOUR)).intValue();
        weekStart = String.valueOf(all.get(AdminSettings.WEEK_START));
        recordRetentionDays = number(all.get(AdminSettings.RECORD_RETENTION_DAYS)).intValue();
    }

    /** The DingTalk settings as the service shows them (no token, no secret) and the next scheduled run. */
    void loadDingTalk() {
        Reports reports = console.reports();
        dingTalk = DingTalkForm.of(reports.dingTalkSettings().view(caller.get()));
        nextRun = reports.jobs().nextRun(DingTalkReportResource.JOB).map(SettingsBean::format).orElse(null);
    }

    private static String format(ZonedDateTime time) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV").format(time);
    }

    private static String format(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant);
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }

    public void save() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(SettingsCodec.GLOBAL_CONCURRENCY, globalConcurrency);
        changes.put(SettingsCodec.GLOBAL_QUEUE, globalQueue);
        changes.put(SettingsCodec.QUEUE_TIMEOUT_MS, queueTimeoutMs);
        changes.put(SettingsCodec.MAX_BODY_BYTES, maxBodyBytes);
        changes.put(SettingsCodec.LOG_LANGUAGE, logLanguage);
        List<Integer> statuses = statuses();
        if (statuses == null) {
            ConsoleMessages.fieldError("settingsForm:fallbackStatuses", "settings.statusesInvalid");
            return;
        }
        changes.put(SettingsCodec.FALLBACK_STATUSES, statuses);
        changes.put(AdminSettings.LOGIN_MAX_FAILURES, loginMaxFailures);
        changes.put(AdminSettings.LOGIN_LOCK_SECONDS, loginLockSeconds);
        changes.put(AdminSettings.ALLOW_PRIVATE_UPSTREAMS, allowPrivateUpstreams);
        changes.put(AdminSettings.TIME_ZONE, timeZone);
        changes.put(AdminSettings.DAY_START_HOUR, dayStartHour);
        changes.put(AdminSettings.WEEK_START, weekStart);
        changes.put(AdminSettings.RECORD_RETENTION_DAYS, recordRetentionDays);
        changes.values().removeIf(java.util.Objects::isNull);
        if (ServiceCalls.change(() -> console.services().settings().update(caller.get(), changes), "common.saved",
                "settingsForm")) {
            load();
        }
    }

    /** Saves the DingTalk report settings (an empty webhook URL or secret field keeps the stored one). */
    public void saveDingTalk() {
        Map<String, Object> changes = dingTalk.changes();
        dingTalk.forgetSecrets();
        if (ServiceCalls.change(() -> console.reports().dingTalkSettings().update(caller.get(), changes), "common.saved",
                "dingTalkForm")) {
            loadDingTalk();
        }
    }

    /** Sends a report of the last 24 hours now, with the saved settings, and shows the outcome. */
    public void sendTestReport() {
        testOutcome = null;
        try {
            DingTalkReporter.Result result = console.reports().dingTalk().sendTest(caller.get());
            ZoneId zone = ZoneId.of(console.reports().dingTalkSettings().current().timeZone());
            String period = ConsoleMessages.text("dingtalk.period", format(result.from(), zone), format(result.to(), zone));
            testOutcome = result.ok()
                    ? new TestOutcome(true, ConsoleMessages.text("dingtalk.testDelivered", result.attempts()) + " " + period)
                    : new TestOutcome(false, ConsoleMessages.text("dingtalk.testFailed", result.attempts(),
                            String.valueOf(result.error())) + " " + period);
        } catch (ServiceException e) {
            ConsoleMessages.refused(e, "dingTalkForm");
        }
    }

    /** The typed statuses; null when one is not a number. */
    private List<Integer> statuses() {
        List<Integer> list = new ArrayList<>();
        for (String item : TextLists.parse(fallbackStatuses)) {
            try {
                list.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return list;
    }

    public Integer getGlobalConcurrency() {
        return globalConcurrency;
    }

    public void setGlobalConcurrency(Integer globalConcurrency) {
        this.globalConcurrency = globalConcurrency;
    }

    public Integer getGlobalQueue() {
        return globalQueue;
    }

    public void setGlobalQueue(Integer globalQueue) {
        this.globalQueue = globalQueue;
    }

    public Long getQueueTimeoutMs() {
        return queueTimeoutMs;
    }

    public void setQueueTimeoutMs(Long queueTimeoutMs) {
        this.queueTimeoutMs = queueTimeoutMs;
    }

    public Long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(Long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public String getLogLanguage() {
        return logLanguage;
    }

    public void setLogLanguage(String logLanguage) {
        this.logLanguage = logLanguage;
    }

    public String getFallbackStatuses() {
        return fallbackStatuses;
    }

    public void setFallbackStatuses(String fallbackStatuses) {
        this.fallbackStatuses = fallbackStatuses;
    }

    public Integer getLoginMaxFailures() {
        return loginMaxFailures;
    }

    public void setLoginMaxFailures(Integer loginMaxFailures) {
        this.loginMaxFailures = loginMaxFailures;
    }

    public Long getLoginLockSeconds() {
        return loginLockSeconds;
    }

    public void setLoginLockSeconds(Long loginLockSeconds) {
        this.loginLockSeconds = loginLockSeconds;
    }

    public boolean isAllowPrivateUpstreams() {
        return allowPrivateUpstreams;
    }

    public void setAllowPrivateUpstreams(boolean allowPrivateUpstreams) {
        this.allowPrivateUpstreams = allowPrivateUpstreams;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Integer getDayStartHour() {
        return dayStartHour;
    }

    public void setDayStartHour(Integer dayStartHour) {
        this.dayStartHour = dayStartHour;
    }

    public Integer getRecordRetentionDays() {
        return recordRetentionDays;
    }

    public void setRecordRetentionDays(Integer recordRetentionDays) {
        this.recordRetentionDays = recordRetentionDays;
    }

    public DingTalkForm getDingTalk() {
        return dingTalk;
    }

    /** The report's next scheduled run in its time zone; null while it is off or has no webhook URL. */
    public String getNextRun() {
        return nextRun;
    }

    public TestOutcome getTestOutcome() {
        return testOutcome;
    }

    public String getWeekStart() {
        return weekStart;
    }

    public void setWeekStart(String weekStart) {
        this.weekStart = weekStart;
    }
}
