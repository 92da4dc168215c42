package io.promptgate.service;

import java.util.List;
import java.util.Objects;

/**
 * A use case refused: the admin API renders it as {@code {"error":{"code","message"}}} with the
 * status its subclass stands for. Messages are shown to the caller: they never hold a secret.
 */
public abstract class ServiceException extends RuntimeException {
    private final String code;
    private final List<String> problems;

    protected ServiceException(String code, String message, List<String> problems) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.problems = List.copyOf(problems);
    }

    /** A short machine-readable reason, e.g. {@code not_found}, {@code last_admin}. */
    public String code() {
        return code;
    }

    /** Every problem when there are several (validation), else empty. */
    public List<String> problems() {
        return problems;
    }
}
