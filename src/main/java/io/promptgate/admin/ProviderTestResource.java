package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.ConnectionTester;
import io.promptgate.service.ProviderService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/providers/{name}/test} (administrators): "test connection" on each of the provider's exits. */
@Path("providers/{name}/test")
@Produces(MediaType.APPLICATION_JSON)
public final class ProviderTestResource {
    private final ProviderService providers;
    private final Caller caller;

    @Inject
    public ProviderTestResource(ProviderService providers, Caller caller) {
        this.providers = providers;
        this.caller = caller;
    }

    @POST
    public ConnectionTester.Report test(@PathParam("name") String name) {
        return providers.test(caller, name);
    }
}
