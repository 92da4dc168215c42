package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.service.Caller;
import io.promptgate.service.ProviderService;
import io.promptgate.service.ProviderService.ProviderView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/providers/{name}} (administrators): read, replace (an absent {@code apiKeys} keeps
 * the stored keys), delete (refused while a route uses it).
 */
@Path("providers/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProviderResource {
    private final ProviderService providers;
    private final Caller caller;

    @Inject
    public ProviderResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @GET
    public ProviderView get(@PathParam("name") String name) {
        caller.requireAdmin();
        return providers.get(name);
    }

    @PUT
    public ProviderView replace(@PathParam("name") String name, ProviderSpec spec) {
        return providers.replace(caller, name, Bodies.required(spec));
    }

    @DELETE
    public void delete(@PathParam("name") String name) {
        providers.delete(caller, name);
    }
}
