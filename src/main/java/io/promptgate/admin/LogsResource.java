package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.Page;
import io.promptgate.service.RequestLogService;
import io.promptgate.service.RequestLogService.Filter;
import io.promptgate.service.RequestLogService.LogRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/logs}: request records, newest first, filtered by {@code from}, {@code to},
 * {@code user}, {@code key} (a key id), {@code route}, {@code provider}, {@code model},
 * {@code status} (200, 4xx, error), paged by {@code limit} and {@code offset}. Users see only
 * their own records.
 */
@Path("logs")
@Produces(MediaType.APPLICATION_JSON)
public final class LogsResource {
    private final RequestLogService logs;
    private final Caller caller;

    @Inject
    public LogsResource(RequestLogService logs, Caller caller) {
        this.logs = logs;
        this.caller = caller;
    }

    @GET
    public Page<LogRecord> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("user") String user, @QueryParam("key") String key,
                                @QueryParam("route") String route, @QueryParam("provider") String provider,
                                @QueryParam("model") String model, @QueryParam("status") String status,
                                @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Filter filter = new Filter(Params.instant("from", from), Params.instant("to", to), Params.text(user),
                Params.id("key", key), Params.text(route), Params.text(provider), Params.text(model), Params.text(status));
        return logs.list(caller, filter, Page.limit(Params.integer("limit", limit)), Page.offset(Params.integer("offset", offset)));
    }
}
