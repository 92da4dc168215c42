package io.promptgate.core;

/** Port: receives every finished request's record; must not block the caller. */
@FunctionalInterface
public interface RecordSink {
    void accept(RequestRecord record);
}
