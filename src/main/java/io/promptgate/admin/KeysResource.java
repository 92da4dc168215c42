package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.KeyService;
import io.promptgate.service.KeyService.CreatedKey;
import io.promptgate.service.KeyService.KeyView;
import io.promptgate.service.KeyService.NewKey;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/keys}: the caller's gateway keys ({@code ?user=} one user's, {@code ?all=true}
 * everyone's: administrators). Creating one answers the full key, this once.
 */
@Path("keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeysResource {
    private final KeyService keys;
    private final Caller caller;

    @Inject
    public KeysResource(KeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    public List<KeyView> list(@QueryParam("user") String user, @QueryParam("all") String all) {
        return keys.list(caller, Params.text(user), Params.flag("all", all));
    }

    @POST
    public Response create(NewKey input) {
        CreatedKey created = keys.create(caller, Bodies.required(input));
        return Response.status(201).entity(NewKeyResponse.of(created)).build();
    }

    /** A key with its full value: only ever in the response that created it. */
    public record NewKeyResponse(long id, String owner, String name, String prefix, boolean enabled, int concurrency,
                                 Instant createdAt, Instant lastUsedAt, String key) {
        static NewKeyResponse of(CreatedKey created) {
            KeyView v = created.view();
            return new NewKeyResponse(v.id(), v.owner(), v.name(), v.prefix(), v.enabled(), v.concurrency(), v.createdAt(),
                    v.lastUsedAt(), created.key());
        }

        @Override
        public String toString() {
            return "NewKeyResponse[" + owner + "/" + name + ", " + prefix + "]";
        }
    }
}
