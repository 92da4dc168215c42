package io.promptgate.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Protocol;
import io.promptgate.core.Route;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.StageProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteStagesTest {
    static final GatewaySnapshot SNAPSHOT = new GatewaySnapshot(1, GatewaySettings.DEFAULTS,
            List.of(new Route(1, "claude", "code.example.com", "/v1/messages", Protocol.ANTHROPIC, "p", "m", null, null, null)),
            Map.of(), Map.of(), List.of());

    @Test
    void routeStageSetsTheRouteAndItsProtocolShape() throws Exception {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "POST", "code.example.com", "/v1/messages", Map.of());
        assertThat(StageProbe.proceeds(new RouteStage(), exchange)).isTrue();
        assertThat(exchange.route().name()).isEqualTo("claude");
        assertThat(exchange.protocol()).isEqualTo(Protocol.ANTHROPIC);
    }

    @Test
    void routeStageLetsUnroutedRequestsGoOnToAuthentication() throws Exception {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "POST", "other.example.com", "/v1/chat/completions", Map.of());
        assertThat(StageProbe.proceeds(new RouteStage(), exchange)).isTrue();
        assertThat(exchange.route()).isNull();
        assertThat(exchange.protocol()).isEqualTo(Protocol.OPENAI);
    }

    @Test
    void requireRouteAnswers404WithoutARoute() {
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "POST", "other.example.com", "/v1/messages", Map.of());
        assertThatThrownBy(() -> StageProbe.proceeds(new RequireRouteStage(), exchange))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("/v1/messages");
                });
        assertThat(exchange.protocol()).as("the error is in the shape the request looks like").isEqualTo(Protocol.ANTHROPIC);
    }

    @Test
    void requireRouteClipsHugePathsInItsMessage() {
        String path = "/" + "a".repeat(5_000);
        Exchange exchange = StageProbe.exchange(SNAPSHOT, "POST", "h", path, Map.of());
        assertThatThrownBy(() -> StageProbe.proceeds(new RequireRouteStage(), exchange))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }
}
