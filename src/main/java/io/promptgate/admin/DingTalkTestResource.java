package io.promptgate.admin;

import io.promptgate.report.DingTalkReporter;
import io.promptgate.service.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/reports/dingtalk/test} (administrators): sends a report of the last 24 hours
 * now, with the current settings (enabled or not), and answers with the outcome: delivered or
 * not, after how many attempts, DingTalk's status and errcode.
 */
@Path("reports/dingtalk/test")
@Produces(MediaType.APPLICATION_JSON)
public final class DingTalkTestResource {
    private final DingTalkReporter reporter;
    private final Caller caller;

    @Inject
    public DingTalkTestResource(DingTalkReporter reporter, Caller caller) {
        this.reporter = reporter;
        this.caller = caller;
    }

    @POST
    public DingTalkReporter.Result send() {
        return reporter.sendTest(caller);
    }
}
