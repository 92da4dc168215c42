package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.promptgate.core.RequestRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    static RequestRecord record(int status, String error, boolean fallback) {
        return new RequestRecord("req_" + status, Instant.EPOCH, 1L, "alice", "pg_abcd", "h", "/v1/messages", "claude",
                "qwen", "qwen3", status, 10, 20, 150, 40L, 0, true, fallback, error, "127.0.0.1");
    }

    @Test
    void countsRequestsTokensLatencyFallbacksAndUpstreamErrors() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new GatewayMetrics(registry).accept(List.of(record(200, null, false), record(200, null, true),
                record(502, "upstream_unreachable", false), record(503, "queue_timeout", false)));

        assertThat(registry.get("promptgate.requests").tag("route", "claude").tag("status", "200").counter().count()).isEqualTo(2);
        assertThat(registry.get("promptgate.tokens").tag("direction", "out").counter().count()).isEqualTo(80);
        assertThat(registry.get("promptgate.request.latency").timer().count()).isEqualTo(4);
        assertThat(registry.get("promptgate.request.ttfb").timer().count()).isEqualTo(4);
        assertThat(registry.get("promptgate.fallbacks").counter().count()).isEqualTo(1);
        assertThat(registry.get("promptgate.upstream.errors").counter().count())
                .as("the gateway's own queue timeout is not the upstream's fault").isEqualTo(1);
    }
}
