package io.promptgate.ops;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;

/**
 * The Dropwizard registry behind the JMX meters. Its timers' percentiles (the {@code 50thPercentile}
 * … {@code 999thPercentile} attributes) cover the last {@value #SAMPLES} requests, kept in a ring of
 * longs. Dropwizard's default reservoir allocates a skip-list node and a sample object for nearly every
 * request and links them into its long-lived map, which the collector then copies and rescans at
 * every young collection of a busy gateway.
 */
final class RingTimerRegistry extends MetricRegistry {
    /** As many samples as Dropwizard's default reservoir keeps. */
    static final int SAMPLES = 1028;

    @Override
    public Timer timer(String name, MetricSupplier<Timer> ignoredDefault) {
        return super.timer(name, () -> new Timer(new SlidingWindowReservoir(SAMPLES)));
    }
}
