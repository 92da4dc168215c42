package io.promptgate.service;

import java.util.List;

/** The input breaks a rule; every problem is listed as {@code field: problem} (400). */
public final class InvalidInputException extends ServiceException {
    public InvalidInputException(List<String> problems) {
        super("invalid", problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems),
                problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }
}
