package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecretBox box = new SecretBox(MasterKey.generate());

    @Test
    void roundTripsAndUsesAFreshNonceEachTime() {
        String first = box.encrypt("sk-upstream-ü-1");
        String second = box.encrypt("sk-upstream-ü-1");

        assertThat(first).startsWith("v1:").doesNotContain("sk-upstream");
        assertThat(first).isNotEqualTo(second);
        assertThat(box.decrypt(first)).isEqualTo("sk-upstream-ü-1");
        assertThat(box.decrypt(second)).isEqualTo("sk-upstream-ü-1");
        // 12-byte nonce + 15 UTF-8 bytes of plaintext + 16-byte tag
        assertThat(Base64.getDecoder().decode(first.substring(3))).hasSize(12 + 16 + 16);
    }

    @Test
    void detectsTampering() {
        String sealed = box.encrypt("secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        for (int i : new int[] {0, 12, raw.length - 1}) { // nonce, ciphertext, tag
            byte[] tampered = raw.clone();
            tampered[i] ^= 1;
            String forged = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> box.decrypt(forged))
                    .isInstanceOf(SecretBoxException.class)
                    .hasMessageContaining("failed verification");
        }
    }

    @Test
    void refusesAValueSealedUnderAnotherKey() {
        String sealed = new SecretBox(MasterKey.generate()).encrypt("secret");
        assertThatThrownBy(() -> box.decrypt(sealed)).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void refusesMalformedValues() {
        assertThatThrownBy(() -> box.decrypt("plain")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.decrypt("v2:AAAA")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.decrypt("v1:!!!")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.decrypt("v1:AAAA")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void showsNoKeyMaterial() {
        MasterKey key = MasterKey.generate();
        assertThat(key.toString()).isEqualTo("MasterKey[AES-256]");
        assertThat(new SecretBox(key).toString()).doesNotContain(Base64.getEncoder().encodeToString(key.secretKey().getEncoded()));
    }
}
