package io.promptgate.admin;

import io.promptgate.service.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters taken as text and parsed here, so that a bad value is a 400 naming the parameter (not a 404). */
final class Params {
    private Params() {
    }

    /** ISO-8601 ({@code 2026-06-02T13:20:01Z}) or epoch milliseconds; null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidInputException(name + ": expected an ISO-8601 instant (2026-06-02T13:20:01Z) or epoch milliseconds");
        }
    }

    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": expected an integer");
        }
    }

    static Long id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": expected a key id");
        }
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidInputException(name + ": expected true or false");
        };
    }
}
