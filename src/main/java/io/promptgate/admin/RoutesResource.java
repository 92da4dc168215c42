package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.service.Caller;
import io.promptgate.service.RouteService;
import io.promptgate.service.RouteService.RouteView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/routes} (administrators): list and create; the body is a route of the declarative document. */
@Path("routes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RoutesResource {
    private final RouteService routes;
    private final Caller caller;

    @Inject
    public RoutesResource(RouteService routes, Caller caller) {
        this.routes = routes;
        this.caller = caller;
    }

    @GET
    public List<RouteView> list() {
        caller.requireAdmin();
        return routes.list();
    }

    @POST
    public Response create(RouteSpec spec) {
        return Response.status(201).entity(routes.create(caller, Bodies.required(spec))).build();
    }
}
