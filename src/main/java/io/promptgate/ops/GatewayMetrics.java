package io.promptgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.promptgate.core.RequestRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Request metrics from the records, off the request thread: requests by route / provider / model /
 * status, tokens in and out, latency and time-to-first-byte histograms, fallbacks and upstream
 * errors. Tag values come from configuration (routes, providers, models) and status codes, so
 * their number stays bounded.
 */
public final class GatewayMetrics implements Consumer<List<RequestRecord>> {
    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(List<RequestRecord> records) {
        for (RequestRecord r : records) {
            Tags where = Tags.of("route", orNone(r.route()), "provider", orNone(r.provider()), "model", orNone(r.model()));
            registry.counter("promptgate.requests", where.and("status", Integer.toString(r.status()))).increment();
            tokens(where, "in").increment(r.inputTokens());
            tokens(where, "out").increment(r.outputTokens());
            timer("promptgate.request.latency", where).record(Duration.ofMillis(r.latencyMs()));
            if (r.ttfbMs() != null) {
                timer("promptgate.request.ttfb", where).record(Duration.ofMillis(r.ttfbMs()));
            }
            if (r.fallback()) {
                registry.counter("promptgate.fallbacks", where).increment();
            }
            if (isUpstreamError(r)) {
                registry.counter("promptgate.upstream.errors", where.and("status", Integer.toString(r.status()))).increment();
            }
        }
    }

    private Counter tokens(Tags where, String direction) {
        return registry.counter("promptgate.tokens", where.and("direction", direction));
    }

    private Timer timer(String name, Tags where) {
        return Timer.builder(name).tags(where).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** A failure the provider caused (as opposed to the caller or the gateway's own limits). */
    static boolean isUpstreamError(RequestRecord r) {
        String error = r.error();
        return r.provider() != null && (r.status() >= 500 && !"queue_timeout".equals(error) && !"overloaded".equals(error)
                || (error != null && (error.startsWith("upstream_") || error.startsWith("partial_"))));
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
