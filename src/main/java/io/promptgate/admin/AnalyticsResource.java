package io.promptgate.admin;

import io.promptgate.service.AnalyticsService;
import io.promptgate.service.AnalyticsService.Query;
import io.promptgate.service.AnalyticsService.Report;
import io.promptgate.service.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/analytics}: totals and time series over {@code from}..{@code to}, grouped by
 * {@code groupBy} (none, user, route, provider, model), bucketed by {@code bucket} (none, hour,
 * day, week) in the configured time zone, day start and week start; filters as for logs. Users
 * see only their own traffic.
 */
@Path("analytics")
@Produces(MediaType.APPLICATION_JSON)
public final class AnalyticsResource {
    private final AnalyticsService analytics;
    private final Caller caller;

    @Inject
    public AnalyticsResource(AnalyticsService analytics, Caller caller) {
        this.analytics = analytics;
        this.caller = caller;
    }

    @GET
    public Report report(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("groupBy") String groupBy, @QueryParam("bucket") String bucket,
                         @QueryParam("user") String user, @QueryParam("key") String key,
                         @QueryParam("route") String route, @QueryParam("provider") String provider,
                         @QueryParam("model") String model) {
        return analytics.report(caller, new Query(Params.instant("from", from), Params.instant("to", to),
                Params.text(groupBy), Params.text(bucket), Params.text(user), Params.id("key", key), Params.text(route),
                Params.text(provider), Params.text(model)));
    }
}
