package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.UserService;
import io.promptgate.service.UserService.UserChange;
import io.promptgate.service.UserService.UserView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/users/{username}} (administrators): read, change role / enabled / password, delete. */
@Path("users/{username}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final UserService users;
    private final Caller caller;

    @Inject
    public UserResource(UserService users, Caller caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    public UserView get(@PathParam("username") String username) {
        caller.requireAdmin();
        return users.get(username);
    }

    @PATCH
    public UserView update(@PathParam("username") String username, UserChange change) {
        return users.update(caller, username, Bodies.required(change));
    }

    @DELETE
    public void delete(@PathParam("username") String username) {
        users.delete(caller, username);
    }
}
