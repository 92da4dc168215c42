package io.promptgate.ops;

import io.promptgate.core.RequestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The human-readable one-line log of every request and of every key, login and configuration
 * event ({@link ActionNotice}), to the container's log, to {@code action.log} in the data
 * directory (rotated by size and day) and, as {@link ActionEvent}s, to the event bus that feeds
 * the in-memory history and the live feed. Never holds a key: only prefixes.
 */
public final class ActionLog implements Consumer<List<RequestRecord>>, AutoCloseable {
    private static final Logger CONTAINER_LOG = Logger.getLogger("promptgate.action");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_VALUE_CHARS = 200;
    private final ZoneId zone;
    private final RotatingLogFile file;
    private final Supplier<String> language;
    private final ActionEventBus bus;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Stamp lastStamp;
    private volatile Consumer<ActionEvent> otherNodes = event -> { };

    /** @param language the current {@code logLanguage} setting ({@code en} or {@code zh-CN}), read per batch */
    public ActionLog(Path dataDir, ZoneId zone, Supplier<String> language) throws IOException {
        this(dataDir, zone, language, new LocalActionEventBus());
    }

    /** @param bus where every line is published as an {@link ActionEvent} */
    public ActionLog(Path dataDir, ZoneId zone, Supplier<String> language, ActionEventBus bus) throws IOException {
        this.zone = zone;
        this.language = language;
        this.bus = bus;
        this.file = new RotatingLogFile(dataDir.resolve("action.log"), 20L * 1024 * 1024, 30, zone);
    }

    @Override
    public void accept(List<RequestRecord> records) {
        ActionLogLabels labels = ActionLogLabels.forLanguage(language.get());
        List<ActionEvent> events = new ArrayList<>(records.size());
        ContainerLogBatch container = new ContainerLogBatch(CONTAINER_LOG);
        synchronized (this) {
            for (RequestRecord r : records) {
                boolean ok = succeeded(r);
                ActionEvent event = new ActionEvent(sequence.incrementAndGet(), r.time(), ActionEvent.REQUEST, r.username(),
                        ok ? "INFO" : "WARN", line(r, labels));
                writeFile(event);
                container.add(containerLevel(r, ok), event.line());
                events.add(event);
            }
            flush();
            container.publish();
            events.forEach(bus::publish); // under the lock: subscribers see sequence numbers in order
            events.forEach(otherNodes);
        }
    }

    /**
     * A served request is FINE in the container's log (off by default: action.log, the feed and the
     * records hold every one; a line per request through the container's formatter cost ~18 % of
     * the gateway's CPU at full load); a refused or failed one INFO, a gateway-side failure WARNING.
     */
    static Level containerLevel(RequestRecord r, boolean ok) {
        if (r.status() >= 500) {
            return Level.WARNING;
        }
        return ok ? Level.FINE : Level.INFO;
    }

    /** Writes and publishes one key, login or configuration event. */
    public void notice(ActionNotice notice) {
        ActionLogLabels labels = ActionLogLabels.forLanguage(language.get());
        synchronized (this) {
            ActionEvent event = new ActionEvent(sequence.incrementAndGet(), notice.time(), ActionEvent.NOTICE, null,
                    notice.warning() ? "WARN" : "INFO", line(notice, labels));
            write(event, notice.warning() ? Level.WARNING : Level.INFO);
            flush();
            bus.publish(event);
            otherNodes.accept(event);
        }
    }

    /** Hands every event of this node also to {@code sink} (a cluster channel); fire and forget. */
    public void shareWith(Consumer<ActionEvent> sink) {
        this.otherNodes = sink;
    }

    /**
     * An event of another node: numbered in this node's sequence and published to this node's
     * subscribers (history, live feed), not written to this node's logs, not shared again.
     */
    public void relay(ActionEvent remote) {
        synchronized (this) {
            bus.publish(new ActionEvent(sequence.incrementAndGet(), remote.time(), remote.kind(), remote.user(),
                    remote.level(), remote.line()));
        }
    }

    private void write(ActionEvent event, Level level) {
        CONTAINER_LOG.log(level, event.line());
        writeFile(event);
    }

    private void writeFile(ActionEvent event) {
        try {
            file.writeLine(event.line());
        } catch (IOException e) {
            CONTAINER_LOG.log(Level.WARNING, "could not write action.log", e);
        }
    }

    private void flush() {
        try {
            file.flush();
        } catch (IOException e) {
            CONTAINER_LOG.log(Level.WARNING, "could not write action.log", e);
        }
    }

    private static boolean succeeded(RequestRecord r) {
        return r.status() < 400 && r.error() == null;
    }

    String line(ActionNotice n, ActionLogLabels l) {
        StringBuilder b = new StringBuilder(160)
                .append(stamp(n.time()))
                .append(' ').append(n.warning() ? l.warn() : l.info())
                .append(' ').append(l.event(n.type()));
        switch (n.type()) {
            case LOGIN_FAILED, LOGIN_LOCKED -> {
                field(b, l.user(), text(n.target()));
                if (n.client() != null) {
                    field(b, l.client(), text(n.client()));
                }
            }
            case CONFIG_CHANGED -> {
                field(b, l.actor(), text(n.actor()));
                field(b, l.change(), text(n.change()));
                field(b, l.target(), text(n.target()));
            }
            default -> {
                field(b, l.actor(), text(n.actor()));
                field(b, l.target(), text(n.target()));
                field(b, l.key(), text(n.keyPrefix()));
            }
        }
        return b.toString();
    }

    String line(RequestRecord r, ActionLogLabels l) {
        boolean ok = succeeded(r);
        StringBuilder b = new StringBuilder(256)
                .append(stamp(r.time()))
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
        field(b, l.status(), r.status());
        field(b, l.in(), r.inputTokens());
        field(b, l.out(), r.outputTokens());
        field(b, l.total(), r.inputTokens() + r.outputTokens());
        field(b, l.ms(), r.latencyMs());
        field(b, l.queue(), r.queueMs());
        field(b, l.fallback(), r.fallback() ? l.yes() : l.no());
        if (r.error() != null) {
            field(b, l.error(), text(r.error()));
        }
        return b.toString();
    }

    /** The local time of {@code at} to the second; formatted once per second (a batch shares a few). */
    private String stamp(Instant at) {
        Stamp last = lastStamp;
        long second = at.getEpochSecond();
        if (last == null || last.second() != second) {
            last = new Stamp(second, TIME.format(at.atZone(zone)));
            lastStamp = last;
        }
        return last.text();
    }

    private record Stamp(long second, String text) {
    }

    private static void field(StringBuilder b, String label, String value) {
        b.append(' ').append(label).append('=').append(value);
    }

    private static void field(StringBuilder b, String label, long value) {
        b.append(' ').append(label).append('=').append(value);
    }

    /** Values are single tokens: missing ones show as '-', whitespace and controls are replaced. */
    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        int max = Math.min(value.length(), MAX_VALUE_CHARS);
        int clean = 0;
        while (clean < max && !isReplaced(value.charAt(clean))) {
            clean++;
        }
        if (clean == value.length()) {
            return value; // the common case: nothing to replace, nothing to cut
        }
        StringBuilder b = new StringBuilder(max).append(value, 0, clean);
        for (int i = clean; i < max; i++) {
            char c = value.charAt(i);
            b.append(isReplaced(c) ? '_' : c);
        }
        return b.toString();
    }

    private static boolean isReplaced(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
