package io.promptgate.bootstrap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.promptgate.gateway.admit.LimiterStats;

/** One limiter's numbers as meters: in flight and queued (gauges), and its counters. */
final class AdmissionGauges {
    private AdmissionGauges() {
    }

    static void register(MeterRegistry registry, LimiterStats stats) {
        Tags tags = Tags.of("level", stats.getLevel(), "name", stats.getName());
        Gauge.builder("promptgate.admission.in_flight", stats, LimiterStats::getInFlight).tags(tags).register(registry);
        Gauge.builder("promptgate.admission.queued", stats, LimiterStats::getQueued).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.admitted", stats, LimiterStats::getAdmitted).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.rejected", stats, LimiterStats::getRejected).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.timeouts", stats, LimiterStats::getTimeouts).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.cancellations", stats, LimiterStats::getCancellations).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.fallbacks", stats, LimiterStats::getFallbacks).tags(tags).register(registry);
        FunctionCounter.builder("promptgate.admission.local_grants", stats, LimiterStats::getLocalGrants).tags(tags).register(registry);
    }
}
