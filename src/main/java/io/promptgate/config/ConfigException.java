package io.promptgate.config;

import java.util.List;

/**
 * A configuration problem that stops start-up or an import. Messages name the offending setting
 * or document entry (e.g. {@code routes[1].provider: unknown provider 'x'}) and never hold a secret.
 */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String problem) {
        super(problem);
        this.problems = List.of(problem);
    }

    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public ConfigException(List<String> problems) {
        super(summarize(problems));
        this.problems = List.copyOf(problems);
    }

    private ConfigException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** The same problems, with the message prefixed by where they were found (e.g. the file). */
    public static ConfigException in(String where, ConfigException e) {
        return new ConfigException(where + ": " + e.getMessage(), e.problems(), e);
    }

    /** Every problem found, one entry each, in document order. */
    public List<String> problems() {
        return problems;
    }

    private static String summarize(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " problems: " + String.join("; ", problems);
    }
}
