package io.promptgate.admin;

import io.promptgate.service.Caller;
import io.promptgate.service.ConfigTransfer;
import io.promptgate.service.ConfigTransfer.Imported;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/config/import} (administrators): applies a declarative document (YAML or
 * JSON, at most 1 MiB), all or nothing. Gateway keys it generates are in the answer, this once.
 */
@Path("config/import")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigImportResource {
    static final int MAX_BYTES = 1 << 20;

    private final ConfigTransfer config;
    private final Caller caller;

    @Inject
    public ConfigImportResource(ConfigTransfer config, Caller caller) {
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Imported importDocument(InputStream body) throws IOException {
        caller.requireAdmin();
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WebApplicationException(413);
        }
        return config.importDocument(caller, new String(bytes, StandardCharsets.UTF_8));
    }
}
