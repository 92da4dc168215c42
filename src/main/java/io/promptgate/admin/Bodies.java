package io.promptgate.admin;

import io.promptgate.service.InvalidInputException;

/** Request bodies that must be there. */
final class Bodies {
    private Bodies() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new InvalidInputException("a JSON request body is required");
        }
        return body;
    }
}
