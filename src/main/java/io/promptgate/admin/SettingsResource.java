package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.SettingsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code /api/settings} (administrators): every setting; {@code PATCH} the ones given. */
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SettingsResource {
    private final SettingsService settings;
    private final Caller caller;

    @Inject
    public SettingsResource(SettingsService settings, Caller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> get() {
        caller.requireAdmin();
        return settings.get();
    }

    @PATCH
    public Map<String, Object> update(Map<String, Object> changes) {
        return settings.update(caller, Bodies.required(changes));
    }
}
