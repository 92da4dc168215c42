package io.promptgate.ops;

import io.promptgate.core.RequestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The human-readable one-line log of every request, to the container's log and to
 * {@code action.log} in the data directory (rotated by size and day). Never holds a key: only prefixes.
 */
public final class ActionLog implements Consumer<List<RequestRecord>>, AutoCloseable {
    private static final Logger CONTAINER_LOG = Logger.getLogger("promptgate.action");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ZoneId zone;
    private final RotatingLogFile file;
    private final Supplier<String> language;

    /** @param language the current {@code logLanguage} setting ({@code en} or {@code zh-CN}), read per batch */
    public ActionLog(Path dataDir, ZoneId zone, Supplier<String> language) throws IOException {
        this.zone = zone;
        this.language = language;
        this.file = new RotatingLogFile(dataDir.resolve("action.log"), 20L * 1024 * 1024, 30, zone);
    }

    @Override
    public void accept(List<RequestRecord> records) {
        ActionLogLabels labels = ActionLogLabels.forLanguage(language.get());
        for (RequestRecord r : records) {
            String line = line(r, labels);
            CONTAINER_LOG.log(r.status() >= 500 ? Level.WARNING : Level.INFO, line);
            try {
                file.writeLine(line);
            } catch (IOException e) {
                CONTAINER_LOG.log(Level.WARNING, "could not write action.log", e);
            }
        }
        try {
            file.flush();
        } catch (IOException e) {
            CONTAINER_LOG.log(Level.WARNING, "could not write action.log", e);
        }
    }

    String line(RequestRecord r, ActionLogLabels l) {
        boolean ok = r.status() < 400 && r.error() == null;
        StringBuilder b = new StringBuilder(256)
                .append(TIME.format(r.time().atZone(zone)))
                .append(' ').append(ok ? l.info() : l.warn())
                .append(' ').append(ok ? l.requestDone() : l.requestFailed());
        field(b, l.requestId(), r.requestId());
        field(b, l.user(), text(r.username()));
        field(b, l.key(), text(r.keyPrefix()));
        field(b, l.host(), text(r.host()));
        field(b, l.path(), text(r.path()));
        field(b, l.route(), text(r.route()));
        field(b, l.provider(), text(r.provider()));
        field(b, l.model(), text(r.model()));
        field(b, l.status(), Integer.toString(r.status()));
        field(b, l.in(), Long.toString(r.inputTokens()));
        field(b, l.out(), Long.toString(r.outputTokens()));
        field(b, l.total(), Long.toString(r.inputTokens() + r.outputTokens()));
        field(b, l.ms(), Long.toString(r.latencyMs()));
        field(b, l.queue(), Long.toString(r.queueMs()));
        field(b, l.fallback(), r.fallback() ? l.yes() : l.no());
        if (r.error() != null) {
            field(b, l.error(), text(r.error()));
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String label, String value) {
        b.append(' ').append(label).append('=').append(value);
    }

    /** Values are single tokens: missing ones show as '-', whitespace and controls are replaced. */
    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(value.length());
        int max = Math.min(value.length(), 200);
        for (int i = 0; i < max; i++) {
            char c = value.charAt(i);
            b.append(Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c);
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
