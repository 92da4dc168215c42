package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAndVerifies() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$shiro2$argon2id$v=19$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void rejectsEmptyPasswords() {
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hash((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.verify("", hasher.hash("x"))).isFalse();
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.verify("x", "not-a-hash")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
    }
}
