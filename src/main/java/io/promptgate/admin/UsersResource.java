package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.UserService;
import io.promptgate.service.UserService.NewUser;
import io.promptgate.service.UserService.UserView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/users} (administrators): list and create. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final UserService users;
    private final Caller caller;

    @Inject
    public UsersResource(UserService users, Caller caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    public List<UserView> list() {
        caller.requireAdmin();
        return users.list();
    }

    @POST
    public Response create(NewUser input) {
        return Response.status(201).entity(users.create(caller, Bodies.required(input))).build();
    }
}
