package io.promptgate.report;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a usage report says: the period (in the report's zone), totals, and the busiest users,
 * models and routes.
 */
public record UsageReport(ZonedDateTime from, ZonedDateTime to, long requests, long inputTokens, long outputTokens, long errors,
                          long fallbacks, List<Entry> topUsers, List<Entry> topModels, List<Entry> topRoutes) {
    public UsageReport {
        topUsers = List.copyOf(topUsers);
        topModels = List.copyOf(topModels);
        topRoutes = List.copyOf(topRoutes);
    }

    /** One line of a top list. */
    public record Entry(String name, long requests, long tokens) {
    }
}
