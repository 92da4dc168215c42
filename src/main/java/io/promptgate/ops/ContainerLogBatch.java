package io.promptgate.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A batch of action-log lines for the container's log: consecutive lines of one level go out as
 * one log record, one event per line, so a busy gateway pays the container logger's cost (record,
 * formatting, handlers) once per batch rather than once per request.
 */
final class ContainerLogBatch {
    private final Logger logger;
    private final List<String> lines = new ArrayList<>();
    private Level level;

    ContainerLogBatch(Logger logger) {
        this.logger = logger;
    }

    void add(Level lineLevel, String line) {
        if (!logger.isLoggable(lineLevel)) {
            return;
        }
        if (level != null && !level.equals(lineLevel)) {
            publish();
        }
        level = lineLevel;
        lines.add(line);
    }

    /** Logs what has been added since the last call, if anything. */
    void publish() {
        if (!lines.isEmpty()) {
            logger.log(level, String.join(System.lineSeparator(), lines));
            lines.clear();
        }
        level = null;
    }
}
