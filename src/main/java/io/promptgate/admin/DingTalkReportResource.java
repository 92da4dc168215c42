package io.promptgate.admin;

import io.promptgate.ops.ScheduledJobs;
import io.promptgate.report.DingTalkSettingsService;
import io.promptgate.service.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/reports/dingtalk} (administrators): the DingTalk daily-report settings, without the
 * webhook's token or the signing secret (only whether they are set), and the next scheduled run;
 * {@code PATCH} the ones given.
 */
@Path("reports/dingtalk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DingTalkReportResource {
    /** The name of the report's job in {@link ScheduledJobs}. */
    public static final String JOB = "dingtalk-report";
    private final DingTalkSettingsService settings;
    private final ScheduledJobs jobs;
    private final Caller caller;

    @Inject
    public DingTalkReportResource(DingTalkSettingsService settings, ScheduledJobs jobs, Caller caller) {
        this.settings = settings;
        this.jobs = jobs;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> get() {
        return withNextRun(settings.view(caller));
    }

    @PATCH
    public Map<String, Object> update(Map<String, Object> changes) {
        return withNextRun(settings.update(caller, Bodies.required(changes)));
    }

    private Map<String, Object> withNextRun(Map<String, Object> view) {
        Map<String, Object> body = new LinkedHashMap<>(view);
        body.put("nextRun", jobs.nextRun(JOB).map(t -> t.toOffsetDateTime().toString()).orElse(null));
        return body;
    }
}
