package io.promptgate.it;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One started Tomcat per version for the whole test run (the failsafe JVM), shared by every
 * test class that asks for it. The first {@link #get} of a version starts it (seconds); later
 * calls return the same container. All are stopped at the end of the run by
 * {@link TomcatExtension} or, failing that, by a JVM shutdown hook.
 *
 * <p>Each shared container starts with a fresh data directory and with
 * {@code PROMPTGATE_SECRET_KEY} and {@code PROMPTGATE_ADMIN_PASSWORD} set to random values
 * (read them back from {@link TomcatContainer#env()}, e.g. to log in to the admin API or to
 * assert that they never appear in {@link TomcatContainer#logText()}). No declarative config is
 * applied: tests that share a container set up what they need through the admin API, using names
 * unique to the test; a test that needs a different start-up environment builds its own
 * {@link TomcatContainer} and closes it.
 *
 * <p>Tests must not stop or restart a shared container.
 */
public final class SharedTomcat {
    public static final String PROMPTGATE_SECRET_KEY = "PROMPTGATE_SECRET_KEY";
    public static final String PROMPTGATE_ADMIN_PASSWORD = "PROMPTGATE_ADMIN_PASSWORD";

    private static final Map<TomcatVersion, TomcatContainer> STARTED = new EnumMap<>(TomcatVersion.class);
    private static final Map<TomcatVersion, AssertionError> FAILED = new EnumMap<>(TomcatVersion.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SharedTomcat() {
    }

    /** The shared, started container of this version (started on first use). */
    public static synchronized TomcatContainer get(TomcatVersion version) {
        AssertionError failed = FAILED.get(version);
        if (failed != null) {
            throw new AssertionError("The shared " + version.id() + " did not start earlier in this run",
                    failed);
        }
        TomcatContainer container = STARTED.get(version);
        if (container != null && container.isRunning()) {
            return container;
        }
        try {
            if (container != null) {
                // it died: start it again on the same CATALINA_BASE and data directory
                return container.start();
            }
            container = TomcatContainer.builder(version)
                    .name(version.id() + "-shared")
                    .env(defaultEnv())
                    .start();
        } catch (AssertionError | RuntimeException e) {
            AssertionError error = e instanceof AssertionError ? (AssertionError) e : new AssertionError(e);
            FAILED.put(version, error);
            throw error;
        }
        STARTED.put(version, container);
        return container;
    }

    /** Stops every shared container (end of the run). */
    public static synchronized void stopAll() {
        STARTED.values().forEach(TomcatContainer::close);
        STARTED.clear();
    }

    /**
     * The PromptGate environment of a fresh installation: a random master key and a random
     * initial admin password. PROMPTGATE_HOME is added by {@link TomcatContainer}.
     */
    public static Map<String, String> defaultEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PROMPTGATE_SECRET_KEY, Base64.getEncoder().encodeToString(randomBytes(32)));
        env.put(PROMPTGATE_ADMIN_PASSWORD, "it-" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18)));
        return env;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
