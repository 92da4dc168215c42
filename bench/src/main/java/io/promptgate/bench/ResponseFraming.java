package io.promptgate.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * HTTP/1.1 response framing over one connection's bytes, fed as they come (a socket read, a
 * captured segment): the head, then the body by Content-Length, chunked transfer coding or until
 * the connection closes, and the SSE event boundaries (a blank line) within the body. Used by the
 * load driver on its reads and by {@link WireMerges} on captured segments.
 */
final class ResponseFraming {
    /** What the framing finds, in order. */
    interface Handler {
        /** A response head, status line and header lines, without the blank line that ends it. */
        void onHead(String head);

        /** Body bytes, the chunk framing removed. */
        void onBody(byte[] a, int from, int to);

        /** A blank line ended an SSE event in the body (only when events are looked for). */
        void onEvent();

        /** The body is complete. Returning false stops reading the rest of the bytes given. */
        boolean onEnd();
    }

    private static final int HEAD = 0;
    private static final int BODY_LENGTH = 1;
    private static final int CHUNK_SIZE = 2;
    private static final int CHUNK_DATA = 3;
    private static final int CHUNK_DATA_END = 4;
    private static final int TRAILER = 5;
    private static final int BODY_UNTIL_CLOSE = 6;

    private final Handler handler;
    private final boolean events;
    private int state = HEAD;
    private byte[] head = new byte[1024];
    private int headLength;
    private final StringBuilder line = new StringBuilder();
    private long remaining;
    private boolean lastNewline;

    ResponseFraming(Handler handler, boolean events) {
        this.handler = handler;
        this.events = events;
    }

    /** Whether the body in progress ends only when the connection closes. */
    boolean untilClose() {
        return state == BODY_UNTIL_CLOSE;
    }

    void feed(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        boolean reading = true;
        while (i < end && reading) {
            switch (state) {
                case HEAD -> {
                    while (i < end) {
                        if (headLength == head.length) {
                            head = Arrays.copyOf(head, head.length * 2);
                        }
                        head[headLength++] = a[i++];
                        if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                                && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                            reading = startBody();
                            break;
                        }
                    }
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    body(a, i, i + n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == CHUNK_DATA) {
                            state = CHUNK_DATA_END;
                        } else {
                            state = HEAD;
                            reading = handler.onEnd();
                        }
                    }
                }
                case BODY_UNTIL_CLOSE -> {
                    body(a, i, end);
                    i = end;
                }
                default -> { // CHUNK_SIZE, CHUNK_DATA_END, TRAILER: one line each
                    char c = (char) (a[i++] & 0xff);
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String l = line.toString().trim();
                    line.setLength(0);
                    if (state == CHUNK_DATA_END) {
                        state = CHUNK_SIZE;
                    } else if (state == CHUNK_SIZE) {
                        int semi = l.indexOf(';');
                        remaining = Long.parseLong(semi >= 0 ? l.substring(0, semi) : l, 16);
                        state = remaining == 0 ? TRAILER : CHUNK_DATA;
                    } else if (l.isEmpty()) {
                        state = HEAD;
                        reading = handler.onEnd();
                    }
                }
            }
        }
    }

    /** The head is complete: hands it over and picks the body's framing. */
    private boolean startBody() {
        String h = new String(head, 0, headLength - 4, StandardCharsets.ISO_8859_1);
        headLength = 0;
        lastNewline = false;
        long length = -1;
        boolean chunked = false;
        for (String l : h.split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.contains("chunked");
            }
        }
        handler.onHead(h);
        if (chunked) {
            state = CHUNK_SIZE;
        } else if (length > 0) {
            remaining = length;
            state = BODY_LENGTH;
        } else if (length == 0) {
            return handler.onEnd();
        } else {
            state = BODY_UNTIL_CLOSE;
        }
        return true;
    }

    private void body(byte[] a, int from, int to) {
        handler.onBody(a, from, to);
        if (!events) {
            return;
        }
        for (int k = from; k < to; k++) {
            byte b = a[k];
            if (b == '\n') {
                if (lastNewline) {
                    handler.onEvent();
                    lastNewline = false;
                } else {
                    lastNewline = true;
                }
            } else if (b != '\r') {
                lastNewline = false;
            }
        }
    }
}
