package io.promptgate.admin;

import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.service.Caller;
import io.promptgate.service.PolicyService;
import io.promptgate.service.PolicyService.PolicyView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/policies} (administrators): list and create prompt policies. */
@Path("policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PoliciesResource {
    private final PolicyService policies;
    private final Caller caller;

    @Inject
    public PoliciesResource(PolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    public List<PolicyView> list() {
        caller.requireAdmin();
        return policies.list();
    }

    @POST
    public Response create(PolicySpec spec) {
        return Response.status(201).entity(policies.create(caller, Bodies.required(spec))).build();
    }
}
