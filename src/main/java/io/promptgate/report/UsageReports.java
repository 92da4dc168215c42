package io.promptgate.report;

import io.promptgate.service.AnalyticsService;
import io.promptgate.service.AnalyticsService.Group;
import io.promptgate.service.AnalyticsService.Metrics;
import io.promptgate.service.AuditLog;
import io.promptgate.service.Caller;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Builds a {@link UsageReport} from the analytics over the request records, leaving out excluded users. */
public final class UsageReports {
    static final int TOP = 5;
    /** Reports are the gateway's own reading of all traffic. */
    private static final Caller SYSTEM = new Caller(0, AuditLog.SYSTEM, true);
    private final AnalyticsService analytics;

    public UsageReports(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    public UsageReport build(ZonedDateTime from, ZonedDateTime to, ZoneId zone, Collection<String> excludedUsers) {
        Metrics totals = query(from, to, "none", excludedUsers).totals();
        return new UsageReport(from.withZoneSameInstant(zone), to.withZoneSameInstant(zone), totals.requests(),
                totals.inputTokens(), totals.outputTokens(), totals.errors(), Math.round(totals.fallbackRate() * totals.requests()),
                top(from, to, "user", excludedUsers), top(from, to, "model", excludedUsers), top(from, to, "route", excludedUsers));
    }

    private List<UsageReport.Entry> top(ZonedDateTime from, ZonedDateTime to, String groupBy, Collection<String> excludedUsers) {
        return query(from, to, groupBy, excludedUsers).groups().stream()
                .sorted(Comparator.comparingLong((Group g) -> g.totals().requests()).reversed()
                        .thenComparing(Comparator.comparingLong((Group g) -> tokens(g.totals())).reversed())
                        .thenComparing(Group::key))
                .limit(TOP)
                .map(g -> new UsageReport.Entry(g.key(), g.totals().requests(), tokens(g.totals())))
                .toList();
    }

    private AnalyticsService.Report query(ZonedDateTime from, ZonedDateTime to, String groupBy, Collection<String> excludedUsers) {
        return analytics.report(SYSTEM, new AnalyticsService.Query(from.toInstant(), to.toInstant(), groupBy, "none", null, null,
                null, null, null), excludedUsers);
    }

    private static long tokens(Metrics m) {
        return m.inputTokens() + m.outputTokens();
    }
}
