package io.promptgate.admin;

import io.promptgate.service.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/auth/me}: who the caller is. */
@Path("auth/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    private final Caller caller;

    @Inject
    public MeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    public Me me() {
        return Me.of(caller);
    }

    public record Me(long id, String username, String role) {
        static Me of(Caller caller) {
            return new Me(caller.userId(), caller.username(), caller.admin() ? "admin" : "user");
        }
    }
}
