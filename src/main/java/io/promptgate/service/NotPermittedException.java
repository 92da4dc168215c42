package io.promptgate.service;

import java.util.List;

/** The caller is known but may not do this (403). */
public final class NotPermittedException extends ServiceException {
    public NotPermittedException(String message) {
        super("forbidden", message, List.of());
    }
}
