package io.promptgate.console;

import io.promptgate.report.Reports;
import io.promptgate.security.SecurityPolicy;
import io.promptgate.security.WebLogin;
import io.promptgate.service.Services;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.ServletContext;

/**
 * The use cases the bootstrap wired (the same {@link Services} and {@link Reports} the admin API
 * uses, published as servlet context attributes) and the security policy's session login, for the console's beans.
 * The console adds no rule of its own: every check is the services'.
 */
@ApplicationScoped
public class ConsoleServices {
    private volatile ServletContext servletContext;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (event instanceof ServletContext context) {
            servletContext = context;
        }
    }

    public Services services() {
        return attribute(Services.ATTRIBUTE, Services.class);
    }

    /** The scheduled jobs and the DingTalk report (its settings and "send a test report now"), as the admin API has them. */
    public Reports reports() {
        return attribute(Reports.ATTRIBUTE, Reports.class);
    }

    /** Session login and logout (the realm, throttle and audit of {@code /api/auth/login}). */
    public WebLogin login() {
        return attribute(SecurityPolicy.class.getName(), SecurityPolicy.class).login();
    }

    private <T> T attribute(String name, Class<T> type) {
        ServletContext context = servletContext;
        if (context == null) {
            context = (ServletContext) FacesContext.getCurrentInstance().getExternalContext().getContext();
            servletContext = context;
        }
        Object value = context.getAttribute(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("PromptGate did not start: " + name + " is missing (see the log above)");
        }
        return type.cast(value);
    }
}
