package io.promptgate.gateway.record;

import io.promptgate.core.ApiKey;
import io.promptgate.core.RecordSink;
import io.promptgate.core.RequestRecord;
import io.promptgate.core.Route;
import io.promptgate.gateway.Exchange;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns a finished exchange into its one {@link RequestRecord} and hands it off the request thread. */
public final class Recorder {
    private static final Logger LOG = Logger.getLogger(Recorder.class.getName());
    private final RecordSink sink;

    public Recorder(RecordSink sink) {
        this.sink = sink;
    }

    public void record(Exchange exchange) {
        try {
            sink.accept(toRecord(exchange));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not hand off the record of requestId=" + exchange.requestId(), e);
        }
    }

    static RequestRecord toRecord(Exchange exchange) {
        long now = System.nanoTime();
        ApiKey caller = exchange.caller();
        Route route = exchange.route();
        long firstByte = exchange.firstByteNanos();
        return new RequestRecord(
                exchange.requestId(),
                exchange.startTime(),
                caller == null ? null : caller.userId(),
                caller == null ? null : caller.username(),
                caller == null ? null : caller.prefix(),
                exchange.host(),
                exchange.path(),
                route == null ? null : route.name(),
                exchange.provider() == null ? null : exchange.provider().name(),
                exchange.upstreamModel(),
                exchange.status(),
                exchange.usage().inputTokens(),
                exchange.usage().outputTokens(),
                TimeUnit.NANOSECONDS.toMillis(now - exchange.startNanos()),
                firstByte == 0 ? null : TimeUnit.NANOSECONDS.toMillis(firstByte - exchange.startNanos()),
                TimeUnit.NANOSECONDS.toMillis(exchange.queueNanos()),
                exchange.stream(),
                exchange.fallback(),
                exchange.error(),
                exchange.clientIp());
    }
}
