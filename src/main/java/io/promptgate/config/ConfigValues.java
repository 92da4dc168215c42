package io.promptgate.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Reads the start-up settings ({@link ConfigKey}) from their three sources.
 *
 * <p>Precedence, first non-blank value wins: <b>system property</b>, then <b>environment
 * variable</b>, then <b>JNDI env-entry</b>. A JNDI lookup that fails for any reason counts as
 * absent. Values are never logged and {@link #toString()} shows none.
 */
public final class ConfigValues {
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Function<String, String> jndi;

    private ConfigValues(Function<String, String> systemProperties,
                         Function<String, String> environment,
                         Function<String, String> jndi) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.jndi = jndi;
    }

    /** The real sources: JVM system properties, process environment, {@code java:comp/env}. */
    public static ConfigValues fromEnvironment() {
        return new ConfigValues(System::getProperty, System::getenv, ConfigValues::lookupJndi);
    }

    /**
     * Fixed sources, e.g. for tests. JNDI names are relative to {@code java:comp/env}
     * ({@code promptgate/home}).
     */
    public static ConfigValues of(Map<String, String> systemProperties,
                                  Map<String, String> environment,
                                  Map<String, String> jndi) {
        return new ConfigValues(Map.copyOf(systemProperties)::get,
                Map.copyOf(environment)::get,
                Map.copyOf(jndi)::get);
    }

    /** The value of {@code key} from the first source that has a non-blank one. */
    public Optional<String> get(ConfigKey key) {
        Objects.requireNonNull(key, "key");
        return nonBlank(systemProperties.apply(key.systemPropertyName()))
                .or(() -> nonBlank(environment.apply(key.envName())))
                .or(() -> nonBlank(jndi.apply(key.jndiName())));
    }

    /** A raw JVM system property such as {@code catalina.base}, from the same source as {@link #get}. */
    public Optional<String> systemProperty(String name) {
        return nonBlank(systemProperties.apply(name));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String lookupJndi(String name) {
        InitialContext context = null;
        try {
            context = new InitialContext();
            Object value = context.lookup("java:comp/env/" + name);
            return value == null ? null : value.toString();
        } catch (NamingException | RuntimeException e) {
            return null; // no JNDI, no such entry, or a container that refuses: all mean absent
        } finally {
            closeQuietly(context);
        }
    }

    private static void closeQuietly(InitialContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException ignored) {
                // nothing to release
            }
        }
    }

    @Override
    public String toString() {
        return "ConfigValues[system properties > environment > JNDI]";
    }
}
