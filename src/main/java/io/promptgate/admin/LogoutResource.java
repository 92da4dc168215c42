package io.promptgate.admin;

import io.promptgate.security.WebLogin;
import io.promptgate.service.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** {@code POST /api/auth/logout}: ends the session and forgets the rememberMe cookie (POST only). */
@Path("auth/logout")
public final class LogoutResource {
    private final WebLogin login;
    private final Caller caller;

    @Inject
    public LogoutResource(WebLogin login, Caller caller) {
        this.login = login;
        this.caller = caller;
    }

    @POST
    public void logout() {
        login.logout(caller);
    }
}
