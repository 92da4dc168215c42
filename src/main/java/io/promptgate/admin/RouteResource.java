package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.service.Caller;
import io.promptgate.service.RouteService;
import io.promptgate.service.RouteService.RouteView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/routes/{name}} (administrators): read, replace, delete. */
@Path("routes/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RouteResource {
    private final RouteService routes;
    private final Caller caller;

    @Inject
    public RouteResource(RouteService routes, Caller caller) {
        this.routes = routes;
        this.caller = caller;
    }

    @GET
    public RouteView get(@PathParam("name") String name) {
        caller.requireAdmin();
        return routes.get(name);
    }

    @PUT
    public RouteView replace(@PathParam("name") String name, RouteSpec spec) {
        return routes.replace(caller, name, Bodies.required(spec));
    }

    @DELETE
    public void delete(@PathParam("name") String name) {
        routes.delete(caller, name);
    }
}
