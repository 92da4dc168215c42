package io.promptgate.console;

import io.promptgate.service.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The logged-in user of this request, as the console's security filter left it in the request. */
@Named("currentUser")
@RequestScoped
public class CurrentCaller {
    public Caller get() {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no caller: the console's security filter did not run for this request");
    }

    public String getUsername() {
        return get().username();
    }

    public boolean isAdmin() {
        return get().admin();
    }
}
