package io.promptgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.promptgate.core.RequestRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Request metrics from the records, off the request thread: requests by route / provider / model /
 * status, tokens in and out, latency and time-to-first-byte histograms, fallbacks and upstream
 * errors. Tag values come from configuration (routes, providers, models) and status codes, so
 * their number stays bounded.
 */
public final class GatewayMetrics implements Consumer<List<RequestRecord>> {
    private final MeterRegistry registry;
    /** The meters of each route / provider / model, looked up once: the registry's lookup is not free. */
    private final Map<Where, Meters> byWhere = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(List<RequestRecord> records) {
        for (RequestRecord r : records) {
            Meters m = byWhere.computeIfAbsent(new Where(orNone(r.route()), orNone(r.provider()), orNone(r.model())), Meters::new);
            m.requests.computeIfAbsent(r.status(), status -> m.withStatus("promptgate.requests", status)).increment();
            m.tokensIn.increment(r.inputTokens());
            m.tokensOut.increment(r.outputTokens());
            m.latency.record(Duration.ofMillis(r.latencyMs()));
            if (r.ttfbMs() != null) {
                m.ttfb().record(Duration.ofMillis(r.ttfbMs()));
            }
            if (r.fallback()) {
                m.fallbacks().increment();
            }
            if (isUpstreamError(r)) {
                m.upstreamErrors.computeIfAbsent(r.status(), status -> m.withStatus("promptgate.upstream.errors", status)).increment();
            }
        }
    }

    private record Where(String route, String provider, String model) {
    }

    /**
     * The meters of one route / provider / model. Those that not every request feeds are
     * registered on first use, so that no series shows up before it has a value (a racing
     * second registration returns the same meter).
     */
    private final class Meters {
        final Tags where;
        final Counter tokensIn;
        final Counter tokensOut;
        final Timer latency;
        private Timer ttfb;
        private Counter fallbacks;
        final Map<Integer, Counter> requests = new ConcurrentHashMap<>();
        final Map<Integer, Counter> upstreamErrors = new ConcurrentHashMap<>();

        Meters(Where w) {
            where = Tags.of("route", w.route(), "provider", w.provider(), "model", w.model());
            tokensIn = registry.counter("promptgate.tokens", where.and("direction", "in"));
            tokensOut = registry.counter("promptgate.tokens", where.and("direction", "out"));
            latency = timer("promptgate.request.latency");
        }

        Timer ttfb() {
            if (ttfb == null) {
                ttfb = timer("promptgate.request.ttfb");
            }
            return ttfb;
        }

        Counter fallbacks() {
            if (fallbacks == null) {
                fallbacks = registry.counter("promptgate.fallbacks", where);
            }
            return fallbacks;
        }

        Counter withStatus(String name, int status) {
            return registry.counter(name, where.and("status", Integer.toString(status)));
        }

        private Timer timer(String name) {
            return Timer.builder(name).tags(where).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
        }
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
