package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.shiro.lang.io.SerializationException;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.junit.jupiter.api.Test;

class PrincipalCodecTest {
    private final PrincipalCodec codec = new PrincipalCodec("promptgate");

    @Test
    void roundTripsAUserAsText() {
        UserPrincipal user = new UserPrincipal(42, "alice@example", UserPrincipal.stampOf("$shiro2$argon2id$x"));
        byte[] bytes = codec.serialize(new SimplePrincipalCollection(user, "promptgate"));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("v1\n42\n").doesNotContain("$shiro2$");
        PrincipalCollection back = codec.deserialize(bytes);
        assertThat(back.getPrimaryPrincipal()).isEqualTo(user);
        assertThat(back.getRealmNames()).containsExactly("promptgate");
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> codec.deserialize(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> codec.deserialize("v1\nnot-a-number\nstamp\nbob".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> codec.serialize(new SimplePrincipalCollection("just a string", "promptgate")))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theStampChangesWithThePasswordHash() {
        assertThat(UserPrincipal.stampOf("hash-a")).isNotEqualTo(UserPrincipal.stampOf("hash-b")).hasSize(24);
        assertThat(UserPrincipal.stampOf(null)).isEqualTo("-");
    }
}
