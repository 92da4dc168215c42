package io.promptgate.service;

import java.util.List;

/** The change contradicts the stored state: a duplicate, a reference still in use, the last administrator (409). */
public final class ConflictException extends ServiceException {
    public ConflictException(String code, String message) {
        super(code, message, List.of());
    }
}
