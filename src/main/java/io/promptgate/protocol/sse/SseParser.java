package io.promptgate.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Incremental, byte-level parser for {@code text/event-stream}. Input may be split anywhere: inside
 * an event, a line, a CRLF pair or a multi-byte UTF-8 character. Each complete event goes to the
 * {@link Listener}; the last event of a stream that ends without a blank line is delivered by
 * {@link #finish()}.
 *
 * <p>Follows the WHATWG event-stream grammar (LF, CRLF or CR line ends, one optional space after
 * the colon, {@code data} lines joined with {@code \n}, a leading BOM skipped, comments and
 * unknown fields ignored), with one difference that suits a proxy: an event with an
 * {@code event:} or {@code id:} field but no {@code data:} line is still delivered, with empty data.
 *
 * <p>Memory is bounded: an event (the bytes of its lines, terminators excluded) or a single line
 * larger than {@code maxEventBytes} fails with
 * {@link SseLimitExceededException} and the parser accepts no more input. Not thread-safe: one
 * parser per stream, fed sequentially. If the listener throws, the rest of that input is lost
 * and the parser should be discarded.
 */
public final class SseParser {

    public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

    /** Receives parsed events, on the thread that called {@code feed} or {@code finish}. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(SseEvent event);

        /** A comment line ({@code : text}), e.g. a keep-alive; {@code text} excludes the colon. */
        default void onComment(String text) {
        }
    }

    private static final int INITIAL_LINE_CAPACITY = 256;
    private static final int MAX_COPY_BYTES = 8192;
    // a line buffer grown past this by one large event is dropped once that line is done
    private static final int RETAINED_LINE_CAPACITY = 64 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");

    private final Listener listener;
    private final int maxEventBytes;

    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private boolean previousWasCr;
    private int bomMatched;
    private boolean bomChecked;

    private int eventBytes;
    private boolean fieldSeen;
    private String eventName;
    private String eventId;
    private String firstData;
    private StringBuilder moreData;

    private boolean failed;
    private boolean finished;

    public SseParser(Listener listener) {
        this(listener, DEFAULT_MAX_EVENT_BYTES);
    }

    public SseParser(Listener listener, int maxEventBytes) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is required");
        }
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.listener = listener;
        this.maxEventBytes = maxEventBytes;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Consumes the buffer's remaining bytes (its position moves to its limit). */
    public void feed(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            buffer.position(buffer.limit());
            feed(buffer.array(), start, n);
            return;
        }
        // read-only or direct buffers: copy through a short-lived array, never one kept per parser
        // (thousands of idle streams hold a parser each)
        byte[] scratch = new byte[Math.min(n, MAX_COPY_BYTES)];
        while (buffer.hasRemaining()) {
            int chunk = Math.min(scratch.length, buffer.remaining());
            buffer.get(scratch, 0, chunk);
            feed(scratch, 0, chunk);
        }
    }

    /** Consumes every buffer, as {@code java.net.http} body subscribers receive them. */
    public void feed(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            feed(buffer);
        }
    }

    public void feed(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", size " + bytes.length);
        }
        ensureOpen();
        int i = offset;
        int end = offset + length;
        if (!bomChecked) {
            i = skipBom(bytes, i, end);
        }
        while (i < end) {
            if (previousWasCr) {
                previousWasCr = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int eol = indexOfLineEnd(bytes, i, end);
            if (eol < 0) {
                appendToLine(bytes, i, end - i);
                return;
            }
            if (lineLength == 0) {
                checkLimit(eol - i);
                processLine(bytes, i, eol - i);
            } else {
                appendToLine(bytes, i, eol - i);
                processLine(line, 0, lineLength);
                releaseLine();
            }
            previousWasCr = bytes[eol] == '\r';
            i = eol + 1;
        }
    }

    /** End of stream: delivers a last event that was not followed by a blank line. */
    public void finish() {
        if (finished || failed) {
            finished = true;
            return;
        }
        finished = true;
        if (!bomChecked && bomMatched > 0) {
            bomChecked = true;
            appendToLine(BOM, 0, bomMatched);
        }
        if (lineLength > 0) {
            processLine(line, 0, lineLength);
            releaseLine();
        }
        dispatch();
    }

    private void ensureOpen() {
        if (failed) {
            throw new IllegalStateException("parser failed on an earlier event");
        }
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
    }

    // skips a UTF-8 BOM at the very start of the stream, even when split across feeds
    private int skipBom(byte[] bytes, int i, int end) {
        while (i < end && bomMatched < BOM.length) {
            if (bytes[i] != BOM[bomMatched]) {
                bomChecked = true;
                appendToLine(BOM, 0, bomMatched);
                return i;
            }
            bomMatched++;
            i++;
        }
        if (bomMatched == BOM.length) {
            bomChecked = true;
        }
        return i;
    }

    private static int indexOfLineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void checkLimit(int lineBytes) {
        if ((long) eventBytes + lineBytes > maxEventBytes) {
            failed = true;
            throw new SseLimitExceededException(maxEventBytes);
        }
    }

    private void appendToLine(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        checkLimit(lineLength + length);
        int needed = lineLength + length;
        if (needed > line.length) {
            int grown = (int) Math.min(Math.max((long) line.length * 2, needed), maxEventBytes);
            byte[] bigger = new byte[grown];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength = needed;
    }

    private void releaseLine() {
        lineLength = 0;
        if (line.length > RETAINED_LINE_CAPACITY) {
            line = new byte[INITIAL_LINE_CAPACITY];
        }
    }

    private void processLine(byte[] bytes, int offset, int length) {
        if (length == 0) {
            dispatch();
            return;
        }
        int end = offset + length;
        if (bytes[offset] == ':') {
            listener.onComment(new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8));
            return;
        }
        eventBytes += length;
        int colon = indexOf(bytes, offset, end, (byte) ':');
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        int nameLength = nameEnd - offset;
        if (matches(bytes, offset, nameLength, DATA)) {
            fieldSeen = true;
            appendData(new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8));
        } else if (matches(bytes, offset, nameLength, EVENT)) {
            fieldSeen = true;
            eventName = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
        } else if (matches(bytes, offset, nameLength, ID)) {
            // the grammar ignores an id containing NUL
            if (indexOf(bytes, valueStart, end, (byte) 0) < 0) {
                fieldSeen = true;
                eventId = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
            }
        }
        // "retry" and unknown fields are ignored
    }

    private void appendData(String value) {
        if (firstData == null) {
            firstData = value;
        } else {
            if (moreData == null) {
                moreData = new StringBuilder(firstData.length() + value.length() + 16).append(firstData);
            }
            moreData.append('\n').append(value);
        }
    }

    private void dispatch() {
        if (fieldSeen) {
            String data = moreData != null ? moreData.toString() : firstData != null ? firstData : "";
            SseEvent event = new SseEvent(eventName, data, eventId);
            resetEvent();
            listener.onEvent(event);
        } else {
            resetEvent();
        }
    }

    private void resetEvent() {
        eventBytes = 0;
        fieldSeen = false;
        eventName = null;
        eventId = null;
        firstData = null;
        moreData = null;
    }

    private static int indexOf(byte[] bytes, int from, int end, byte value) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] bytes, int offset, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
