package io.promptgate.report;

import io.promptgate.ops.ScheduledJobs;
import java.util.Objects;

/** The scheduled operations jobs and the DingTalk report, as the bootstrap publishes them to the admin API. */
public record Reports(ScheduledJobs jobs, DingTalkSettingsService dingTalkSettings, DingTalkReporter dingTalk) {
    /** Servlet context attribute under which the bootstrap publishes them. */
    public static final String ATTRIBUTE = Reports.class.getName();

    public Reports {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(dingTalkSettings, "dingTalkSettings");
        Objects.requireNonNull(dingTalk, "dingTalk");
    }
}
