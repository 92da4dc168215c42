package io.promptgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadBodyStageTest {
    static final GatewaySnapshot SNAPSHOT = new GatewaySnapshot(1,
            new GatewaySettings(64, 256, 30_000, 1_000, "en", Set.of(429)), List.of(), Map.of(), Map.of(), List.of());

    @Test
    void onlyPostIsForwarded() {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "GET", "h", "/v1/messages", Map.of());
        assertThatThrownBy(() -> StageProbe.proceeds(new ReadBodyStage(), exchange))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeReading() {
        Exchange exchange = new Exchange("req_t", StageProbe.request("POST", "h", "/v1/messages", Map.of(), 1_001), null, null,
                CompiledSnapshot.of(SNAPSHOT), "h", "/v1/messages");
        assertThatThrownBy(() -> StageProbe.proceeds(new ReadBodyStage(), exchange))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
                    assertThat(e.status()).isEqualTo(413);
                });
        assertThat(exchange.bodyLeftUnread()).isTrue();
    }
}
