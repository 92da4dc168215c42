package io.promptgate.admin;

import io.promptgate.security.WebLogin;
import io.promptgate.service.Caller;
import io.promptgate.service.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/auth/login}: starts a session (and, on request, a rememberMe cookie). */
@Path("auth/login")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class LoginResource {
    private final WebLogin login;
    private final HttpServletRequest request;

    @Inject
    public LoginResource(WebLogin login, @Context HttpServletRequest request) {
        this.login = login;
        this.request = request;
    }

    @POST
    public MeResource.Me login(Credentials credentials) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            throw new InvalidInputException("username and password are required");
        }
        Caller caller = login.login(request, credentials.username(), credentials.password(),
                Boolean.TRUE.equals(credentials.rememberMe()));
        return MeResource.Me.of(caller);
    }

    public record Credentials(String username, String password, Boolean rememberMe) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}
