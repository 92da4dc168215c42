package io.promptgate.admin;

import io.promptgate.service.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Context;
import java.util.function.Supplier;

/** The request's {@link Caller}, as the Shiro filter authenticated it, for constructor injection. */
final class CallerSupplier implements Supplier<Caller> {
    @Context
    private HttpServletRequest request;

    @Override
    public Caller get() {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        // the security filter runs before every resource but login; reaching this is a wiring error
        throw new NotAuthorizedException("Log in first");
    }
}
