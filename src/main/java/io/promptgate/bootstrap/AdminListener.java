package io.promptgate.bootstrap;

import io.promptgate.security.PasswordHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.security.SecurityPolicy;
import io.promptgate.service.Services;
import io.promptgate.service.SnapshotService;
import io.promptgate.store.Database;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Path;

/**
 * Wires the admin API's use cases and security policy once {@link PromptGateListener} has
 * started the database and the gateway (web.xml declares it right after that listener and before
 * Shiro's): publishes {@link Services} and {@link SecurityPolicy} as servlet context attributes,
 * where {@link ShiroEnvironment} and the JAX-RS application pick them up.
 */
public class AdminListener implements ServletContextListener {
    /** Servlet context attribute holding the {@link SecurityPolicy}. */
    public static final String SECURITY_ATTRIBUTE = SecurityPolicy.class.getName();

    /** The purpose name of the rememberMe cookie key derived from the master key. */
    static final String REMEMBER_ME_KEY_PURPOSE = "rememberMe";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Database database = required(context, PromptGateListener.DATABASE_ATTRIBUTE, Database.class);
        SnapshotService snapshots = required(context, PromptGateListener.SNAPSHOTS_ATTRIBUTE, SnapshotService.class);
        SecretBox secrets = required(context, PromptGateListener.SECRETS_ATTRIBUTE, SecretBox.class);
        PasswordHasher passwords = required(context, PromptGateListener.PASSWORDS_ATTRIBUTE, PasswordHasher.class);
        Path home = required(context, PromptGateListener.HOME_ATTRIBUTE, Path.class);

        Services services = Services.create(database.sessionFactory(), database.dataSource(), secrets, passwords, snapshots, home);
        SecurityPolicy security = new SecurityPolicy(services, passwords, secrets.deriveKey(REMEMBER_ME_KEY_PURPOSE));
        context.setAttribute(Services.ATTRIBUTE, services);
        context.setAttribute(SECURITY_ATTRIBUTE, security);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(SECURITY_ATTRIBUTE);
        event.getServletContext().removeAttribute(Services.ATTRIBUTE);
    }

    private static <T> T required(ServletContext context, String name, Class<T> type) {
        Object value = context.getAttribute(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("PromptGate did not start: " + name + " is missing (see the log above)");
        }
        return type.cast(value);
    }
}
