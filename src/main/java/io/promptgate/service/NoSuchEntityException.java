package io.promptgate.service;

import java.util.List;

/** The entity does not exist, or the caller may not know that it does (404). */
public final class NoSuchEntityException extends ServiceException {
    public NoSuchEntityException(String kind, String name) {
        super("not_found", "No " + kind + " '" + name + "'", List.of());
    }
}
