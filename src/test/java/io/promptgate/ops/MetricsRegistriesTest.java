package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class MetricsRegistriesTest {
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void jmxTimerPercentilesCoverTheLatestRequests() throws Exception {
        try (MetricsRegistries registries = new MetricsRegistries()) {
            Timer timer = Timer.builder("promptgate.test.ring").tag("case", "latest").register(registries.registry());
            for (int i = 0; i < 3 * RingTimerRegistry.SAMPLES; i++) {
                timer.record(Duration.ofMillis(900));
            }
            for (int i = 0; i < RingTimerRegistry.SAMPLES; i++) {
                timer.record(Duration.ofMillis(5));
            }

            ObjectName name = timerMBean();
            assertThat(((Number) jmx.getAttribute(name, "Count")).longValue()).isEqualTo(4L * RingTimerRegistry.SAMPLES);
            // Dropwizard's default reservoir keeps a random sample of samples recorded in the same
            // second, so its maximum would still be one of the 900 ms ones
            assertThat((Double) jmx.getAttribute(name, "Max")).isEqualTo(5.0);
            assertThat((Double) jmx.getAttribute(name, "999thPercentile")).isEqualTo(5.0);
        }
    }

    @Test
    void aTimerWithFewerSamplesThanTheRingReportsThemAll() throws Exception {
        try (MetricsRegistries registries = new MetricsRegistries()) {
            Timer timer = Timer.builder("promptgate.test.ring").tag("case", "few").register(registries.registry());
            for (int ms = 1; ms <= 100; ms++) {
                timer.record(Duration.ofMillis(ms));
            }

            ObjectName name = timerMBean();
            assertThat((Double) jmx.getAttribute(name, "Min")).isEqualTo(1.0);
            assertThat((Double) jmx.getAttribute(name, "Max")).isEqualTo(100.0);
            assertThat((Double) jmx.getAttribute(name, "50thPercentile")).isBetween(50.0, 51.0);
        }
    }

    private ObjectName timerMBean() throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("promptgate:type=timers,*"), null);
        assertThat(names).as("the test timer's MBean").filteredOn(n -> n.toString().contains("promptgateTestRing")).hasSize(1);
        return names.stream().filter(n -> n.toString().contains("promptgateTestRing")).findFirst().orElseThrow();
    }
}
