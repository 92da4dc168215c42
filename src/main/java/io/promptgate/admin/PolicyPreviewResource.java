package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.PolicyService;
import io.promptgate.service.PolicyService.PolicyPreview;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/policies/{name}/preview?system=…} (administrators): the system prompt a caller ends up with. */
@Path("policies/{name}/preview")
@Produces(MediaType.APPLICATION_JSON)
public final class PolicyPreviewResource {
    private final PolicyService policies;
    private final Caller caller;

    @Inject
    public PolicyPreviewResource(PolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    public PolicyPreview preview(@PathParam("name") String name, @QueryParam("system") String system) {
        caller.requireAdmin();
        return policies.preview(name, system);
    }
}
