package io.promptgate.config;

/**
 * The start-up settings of PromptGate. Each has three names: an environment variable
 * ({@code PROMPTGATE_HOME}), a system property ({@code promptgate.home}) and a JNDI env-entry
 * ({@code java:comp/env/promptgate/home}).
 */
public enum ConfigKey {
    /** Data directory: SQLite file, action log, generated secrets. */
    HOME("home", false),
    /** Optional declarative config file (YAML or JSON) applied at start-up. */
    CONFIG("config", false),
    /** Base64 of the 32-byte master key that encrypts upstream keys. */
    SECRET_KEY("secretKey", true),
    /** Initial password of user {@code admin} on first start. */
    ADMIN_PASSWORD("adminPassword", true),
    /** How many recent action-log events the in-memory history keeps (default 1000). */
    LOG_HISTORY("logHistory", false),
    /** Optional Redis URI ({@code redis://[:password@]host:port[/db]}): cluster-wide limits and config change notices. */
    REDIS_URL("redisUrl", true),
    /** Prefix of every Redis key and channel PromptGate uses; one per installation sharing a Redis. */
    REDIS_PREFIX("redisPrefix", false),
    /** How long a permit lease outlives its node's last renewal, in milliseconds. */
    REDIS_LEASE_MS("redisLeaseMs", false);

    private static final String JNDI_ENV = "java:comp/env/";

    private final String shortName;
    private final boolean secret;

    ConfigKey(String shortName, boolean secret) {
        this.shortName = shortName;
        this.secret = secret;
    }

    /** Environment variable name, e.g. {@code PROMPTGATE_SECRET_KEY}. */
    public String envName() {
        return "PROMPTGATE_" + name();
    }

    /** System property name, e.g. {@code promptgate.secretKey}. */
    public String systemPropertyName() {
        return "promptgate." + shortName;
    }

    /** JNDI env-entry name relative to {@code java:comp/env}, e.g. {@code promptgate/secretKey}. */
    public String jndiName() {
        return "promptgate/" + shortName;
    }

    /** Full JNDI name, e.g. {@code java:comp/env/promptgate/secretKey}. */
    public String jndiLookupName() {
        return JNDI_ENV + jndiName();
    }

    /** True when the value must never be logged or echoed. */
    public boolean isSecret() {
        return secret;
    }

    /** All three names, for error messages: never includes a value. */
    public String describe() {
        return envName() + " (system property " + systemPropertyName() + ", JNDI env-entry " + jndiName() + ")";
    }
}
