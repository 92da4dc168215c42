package io.promptgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.ApiKey;
import io.promptgate.core.KeyDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
    @Test
    void findsByHashOfTheWholeKeyOnly() {
        String secret = "pg_" + "a".repeat(40);
        ApiKey key = new ApiKey(1, 2, "alice", "laptop", "pg_aaaa", KeyDigest.sha256(secret), true, 0);
        KeyIndex index = new KeyIndex(List.of(key));

        assertThat(index.find(KeyDigest.sha256(secret))).isSameAs(key);
        assertThat(index.find(KeyDigest.sha256(secret + "x"))).isNull();
        assertThat(index.find(KeyDigest.sha256("pg_aaaa"))).isNull();
        assertThat(index.find(new byte[32])).isNull();
    }

    @Test
    void apiKeyToStringShowsNoHash() {
        ApiKey key = new ApiKey(1, 2, "alice", "laptop", "pg_aaaa", KeyDigest.sha256("pg_x"), true, 0);
        assertThat(key.toString()).isEqualTo("ApiKey[pg_aaaa of alice]");
    }
}
