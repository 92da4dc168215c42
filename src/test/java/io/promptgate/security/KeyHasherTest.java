package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.config.GatewayKeyFormat;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
    @Test
    void generatesUniqueWellFormedKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = KeyHasher.generateKey();
            assertThat(key).matches("pg_[0-9A-Za-z]{40}");
            assertThat(GatewayKeyFormat.problem(key)).isEmpty();
            keys.add(key);
        }
        assertThat(keys).hasSize(200);
    }

    @Test
    void hashesTheWholeKeyWithSha256() {
        // SHA-256("abc") from FIPS 180-2
        assertThat(KeyHasher.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(KeyHasher.sha256("abc")).isEqualTo(HexFormat.of().parseHex(KeyHasher.sha256Hex("abc")));
        assertThat(KeyHasher.sha256Hex("pg_abcdefg1")).isNotEqualTo(KeyHasher.sha256Hex("pg_abcdefg2"));
    }

    @Test
    void prefixIsTheFirstSevenCharacters() {
        assertThat(KeyHasher.prefixOf("pg_abcdefghijklmnop")).isEqualTo("pg_abcd");
        assertThat(KeyHasher.prefixOf("pg_a")).isEqualTo("pg_a");
    }

    @Test
    void comparesHashes() {
        byte[] a = KeyHasher.sha256("pg_one");
        assertThat(KeyHasher.matches(a, KeyHasher.sha256("pg_one"))).isTrue();
        assertThat(KeyHasher.matches(a, KeyHasher.sha256("pg_two"))).isFalse();
        assertThat(KeyHasher.matches(a, null)).isFalse();
    }
}
