package io.promptgate.gateway;

/** Caller-supplied text made safe to put into a message: bounded length. */
public final class Texts {
    private static final int MAX = 200;

    private Texts() {
    }

    public static String clip(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX ? value : value.substring(0, MAX) + "...";
    }
}
