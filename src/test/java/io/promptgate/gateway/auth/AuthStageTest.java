package io.promptgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ApiKey;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.KeyDigest;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.StageProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthStageTest {
    static final String GOOD = "pg_" + "k".repeat(40);
    static final String DISABLED = "pg_" + "d".repeat(40);
    static final GatewaySnapshot SNAPSHOT = new GatewaySnapshot(1, GatewaySettings.DEFAULTS, List.of(), Map.of(), Map.of(),
            List.of(new ApiKey(1, 7, "alice", "laptop", "pg_kkkk", KeyDigest.sha256(GOOD), true, 0),
                    new ApiKey(2, 7, "alice", "old", "pg_dddd", KeyDigest.sha256(DISABLED), false, 0)));

    private static Exchange exchangeWith(Map<String, String> headers) {
        return StageProbe.exchange(SNAPSHOT, "POST", "h", "/v1/messages", headers);
    }

    @Test
    void bearerKeyAuthenticates() throws Exception {
        Exchange exchange = exchangeWith(Map.of("Authorization", "Bearer " + GOOD));
        assertThat(StageProbe.proceeds(new AuthStage(), exchange)).isTrue();
        assertThat(exchange.caller().username()).isEqualTo("alice");
    }

    @Test
    void xApiKeyAuthenticatesAndSchemeIsCaseInsensitive() throws Exception {
        assertThat(StageProbe.proceeds(new AuthStage(), exchangeWith(Map.of("x-api-key", GOOD)))).isTrue();
        assertThat(StageProbe.proceeds(new AuthStage(), exchangeWith(Map.of("authorization", "bearer " + GOOD)))).isTrue();
    }

    @Test
    void missingKeyIs401() {
        assertUnauthorized(Map.of(), "Missing API key");
        assertUnauthorized(Map.of("Authorization", "Basic YWxpY2U6eA=="), "Missing API key");
    }

    @Test
    void disabledKeyIs401() {
        assertUnauthorized(Map.of("x-api-key", DISABLED), "disabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_wrong", "sk-not-ours", "pg_\"quoted\"", "pg_\u0000nul", "pg_ünïcödé", "Bearer", "pg_"})
    void hostileOrWrongKeysAre401(String value) {
        assertUnauthorized(Map.of("x-api-key", value), "Invalid API key");
    }

    @Test
    void hugeKeyIs401WithoutHashing() {
        assertUnauthorized(Map.of("Authorization", "Bearer pg_" + "x".repeat(16 * 1024)), "Invalid API key");
    }

    @Test
    void errorMessageNeverEchoesTheKey() {
        String canary = "pg_canary_" + "z".repeat(30);
        assertThatThrownBy(() -> StageProbe.proceeds(new AuthStage(), exchangeWith(Map.of("x-api-key", canary))))
                .hasMessageNotContaining("canary");
    }

    private static void assertUnauthorized(Map<String, String> headers, String messagePart) {
        assertThatThrownBy(() -> StageProbe.proceeds(new AuthStage(), exchangeWith(headers)))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
