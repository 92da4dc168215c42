package io.promptgate.admin;

import io.promptgate.service.AuditTrail;
import io.promptgate.service.AuditTrail.AuditEvent;
import io.promptgate.service.Caller;
import io.promptgate.service.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/audit} (administrators): who changed what and when, newest first; never a secret. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private final AuditTrail audit;
    private final Caller caller;

    @Inject
    public AuditResource(AuditTrail audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    public Page<AuditEvent> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("actor") String actor, @QueryParam("action") String action,
                                 @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        caller.requireAdmin();
        return audit.list(new AuditTrail.Filter(Params.instant("from", from), Params.instant("to", to), Params.text(actor),
                Params.text(action)), Page.limit(Params.integer("limit", limit)), Page.offset(Params.integer("offset", offset)));
    }
}
