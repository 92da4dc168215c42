package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.service.Caller;
import io.promptgate.service.PolicyService;
import io.promptgate.service.PolicyService.PolicyView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/policies/{name}} (administrators): read, replace, delete (refused while a route uses it). */
@Path("policies/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PolicyResource {
    private final PolicyService policies;
    private final Caller caller;

    @Inject
    public PolicyResource(PolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    public PolicyView get(@PathParam("name") String name) {
        caller.requireAdmin();
        return policies.get(name);
    }

    @PUT
    public PolicyView replace(@PathParam("name") String name, PolicySpec spec) {
        return policies.replace(caller, name, Bodies.required(spec));
    }

    @DELETE
    public void delete(@PathParam("name") String name) {
        policies.delete(caller, name);
    }
}
