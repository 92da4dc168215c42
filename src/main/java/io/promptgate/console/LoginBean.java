package io.promptgate.console;

import io.promptgate.security.LoginRefusedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.shiro.authc.AuthenticationException;

/**
 * The login page: the same realm, throttle and audit as {@code POST /api/auth/login}. A failure
 * says only that the user name or password is wrong, whether the user exists or not.
 */
@Named
@RequestScoped
public class LoginBean {
    @Inject
    ConsoleServices console;

    private String username;
    private String password;
    private boolean rememberMe;

    public String login() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        try {
            console.login().login(request, username, password, rememberMe);
        } catch (LoginRefusedException e) {
            ConsoleMessages.error("login.refused");
            return null;
        } catch (AuthenticationException e) {
            ConsoleMessages.error("login.failed");
            return null;
        } finally {
            password = null;
        }
        return "/console/index.xhtml?faces-redirect=true";
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return null; // never echoed back into the page
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isRememberMe() {
        return rememberMe;
    }

    public void setRememberMe(boolean rememberMe) {
        this.rememberMe = rememberMe;
    }
}
