package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.ConfigTransfer;
import io.promptgate.service.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/config/export?format=yaml|json} (administrators): the declarative document of
 * the stored configuration, without any secret.
 */
@Path("config/export")
public final class ConfigExportResource {
    private final ConfigTransfer config;
    private final Caller caller;

    @Inject
    public ConfigExportResource(ConfigTransfer config, Caller caller) {
        this.config = config;
        this.caller = caller;
    }

    @GET
    public Response export(@QueryParam("format") String format) {
        boolean yaml = format == null || format.equals("yaml");
        if (!yaml && !format.equals("json")) {
            throw new InvalidInputException("format: expected yaml or json");
        }
        return Response.ok(config.export(caller, yaml), yaml ? "application/yaml; charset=UTF-8" : "application/json")
                .header("Content-Disposition", "attachment; filename=\"promptgate." + (yaml ? "yaml" : "json") + "\"")
                .build();
    }
}
