package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.service.Caller;
import io.promptgate.service.ProviderService;
import io.promptgate.service.ProviderService.ProviderView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/providers} (administrators): list and create; the body is a provider of the declarative document. */
@Path("providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProvidersResource {
    private final ProviderService providers;
    private final Caller caller;

    @Inject
    public ProvidersResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @GET
    public List<ProviderView> list() {
        caller.requireAdmin();
        return providers.list();
    }

    @POST
    public Response create(ProviderSpec spec) {
        return Response.status(201).entity(providers.create(caller, Bodies.required(spec))).build();
    }
}
