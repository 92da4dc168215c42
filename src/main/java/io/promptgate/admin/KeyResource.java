package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.KeyService;
import io.promptgate.service.KeyService.KeyChange;
import io.promptgate.service.KeyService.KeyView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/keys/{id}}: read, rename, enable / disable, set concurrency, delete. Someone
 * else's key is "not found" to a non-administrator.
 */
@Path("keys/{id: [0-9]{1,18}}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeyResource {
    private final KeyService keys;
    private final Caller caller;

    @Inject
    public KeyResource(KeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    public KeyView get(@PathParam("id") long id) {
        return keys.get(caller, id);
    }

    @PATCH
    public KeyView update(@PathParam("id") long id, KeyChange change) {
        return keys.update(caller, id, Bodies.required(change));
    }

    @DELETE
    public void delete(@PathParam("id") long id) {
        keys.delete(caller, id);
    }
}
