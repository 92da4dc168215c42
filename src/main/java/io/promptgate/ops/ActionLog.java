package io.promptgate.ops;

import io.promptgate.core.RequestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
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

    public ActionLog(Path dataDir, ZoneId zone) throws IOException {
        this.zone = zone;
        this.file = new RotatingLogFile(dataDir.resolve("action.log"), 20L * 1024 * 1024, 30, zone);
    }

    @Override
    public void accept(List<RequestRecord> records) {
        for (RequestRecord r : records) {
            String line = line(r);
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

    String line(RequestRecord r) {
        boolean ok = r.status() < 400 && r.error() == null;
        StringBuilder b = new StringBuilder(256)
                .append(TIME.format(r.time().atZone(zone)))
                .append(ok ? " INFO request done" : " WARN request failed")
                .append(" requestId=").append(r.requestId())
                .append(" user=").append(text(r.username()))
                .append(" key=").append(text(r.keyPrefix()))
                .append(" host=").append(text(r.host()))
                .append(" path=").append(text(r.path()))
                .append(" route=").append(text(r.route()))
                .append(" provider=").append(text(r.provider()))
                .append(" model=").append(text(r.model()))
                .append(" status=").append(r.status())
                .append(" in=").append(r.inputTokens())
                .append(" out=").append(r.outputTokens())
                .append(" total=").append(r.inputTokens() + r.outputTokens())
                .append(" ms=").append(r.latencyMs())
                .append(" queue=").append(r.queueMs())
                .append(" fallback=").append(r.fallback() ? "yes" : "no");
        if (r.error() != null) {
            b.append(" error=").append(text(r.error()));
        }
        return b.toString();
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
