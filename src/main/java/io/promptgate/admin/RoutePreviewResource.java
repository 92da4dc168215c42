package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.service.Caller;
import io.promptgate.service.InvalidInputException;
import io.promptgate.service.RouteService;
import io.promptgate.service.RouteService.RoutePreview;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/routes/{name}/preview} (administrators): {@code GET} the effective behaviour of the
 * stored route; {@code POST} a route definition to see how it would behave under that name,
 * without saving it.
 */
@Path("routes/{name}/preview")
@Produces(MediaType.APPLICATION_JSON)
public final class RoutePreviewResource {
    private final RouteService routes;
    private final Caller caller;

    @Inject
    public RoutePreviewResource(RouteService routes, Caller caller) {
        this.routes = routes;
        this.caller = caller;
    }

    @GET
    public RoutePreview stored(@PathParam("name") String name) {
        caller.requireAdmin();
        return routes.preview(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RoutePreview draft(@PathParam("name") String name, RouteSpec spec) {
        RouteSpec body = Bodies.required(spec);
        if (body.name() != null && !body.name().equals(name)) {
            throw new InvalidInputException("name: must be the name in the path");
        }
        return routes.previewDraft(caller, new RouteSpec(name, body.host(), body.path(), body.protocol(), body.provider(),
                body.model(), body.policy(), body.fallbackProvider(), body.fallbackModel()));
    }
}
