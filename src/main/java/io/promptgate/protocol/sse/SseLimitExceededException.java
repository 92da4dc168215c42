package io.promptgate.protocol.sse;

/** An event grew beyond the parser's limit; the stream cannot be parsed further. */
public final class SseLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int maxEventBytes;

    public SseLimitExceededException(int maxEventBytes) {
        super("server-sent event larger than " + maxEventBytes + " bytes");
        this.maxEventBytes = maxEventBytes;
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }
}
