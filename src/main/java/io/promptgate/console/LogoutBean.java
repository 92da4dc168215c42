package io.promptgate.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The user menu's "log out" (a POST with the view state): ends the session and the rememberMe cookie. */
@Named
@RequestScoped
public class LogoutBean {
    @Inject
    ConsoleServices console;
    @Inject
    CurrentCaller caller;

    public String logout() {
        console.login().logout(caller.get());
        return "/console/login.xhtml?faces-redirect=true";
    }
}
