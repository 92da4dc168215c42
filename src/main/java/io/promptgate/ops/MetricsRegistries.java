package io.promptgate.ops;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.util.HierarchicalNameMapper;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The one meter registry the gateway records into, published two ways: as JMX MBeans in the
 * {@code promptgate} domain (so the app server's own monitoring sees them) and as Prometheus text.
 */
public final class MetricsRegistries implements AutoCloseable {
    private final CompositeMeterRegistry composite = new CompositeMeterRegistry();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JmxMeterRegistry jmx;

    public MetricsRegistries() {
        jmx = new JmxMeterRegistry(new JmxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String domain() {
                return "promptgate";
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(10);
            }
        }, Clock.SYSTEM, HierarchicalNameMapper.DEFAULT, new RingTimerRegistry());
        composite.add(prometheus);
        composite.add(jmx);
    }

    public MeterRegistry registry() {
        return composite;
    }

    /** The current values in the Prometheus text exposition format. */
    public String prometheusText() {
        return prometheus.scrape();
    }

    @Override
    public void close() {
        composite.close();
        jmx.close();
        prometheus.close();
    }
}
