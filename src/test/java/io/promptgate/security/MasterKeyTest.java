package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path home;

    @Test
    void generatesAnOwnerOnlyKeyFileOnceAndReusesIt() throws Exception {
        MasterKey first = MasterKey.load(noSettings(), home);
        Path keyFile = home.resolve("secret.key");

        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        try (var leftovers = Files.list(home)) {
            assertThat(leftovers).containsExactly(keyFile); // no temporary file left behind
        }

        MasterKey second = MasterKey.load(noSettings(), home);
        String sealed = new SecretBox(first).encrypt("upstream");
        assertThat(new SecretBox(second).decrypt(sealed)).isEqualTo("upstream");
        assertThat(second.secretKey().getEncoded()).isEqualTo(first.secretKey().getEncoded());
    }

    @Test
    void usesTheConfiguredKeyAndWritesNoFile() {
        byte[] raw = new byte[32];
        raw[0] = 7;
        String encoded = Base64.getEncoder().encodeToString(raw);

        MasterKey key = MasterKey.load(ConfigValues.of(Map.of(), Map.of("PROMPTGATE_SECRET_KEY", encoded), Map.of()), home);

        assertThat(key.secretKey().getEncoded()).isEqualTo(raw);
        assertThat(home.resolve("secret.key")).doesNotExist();
    }

    @Test
    void rejectsAConfiguredKeyOfTheWrongSizeNamingTheSettingButNotTheValue() {
        String tooShort = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));
        for (String bad : new String[] {tooShort, "not base64 at all!", "secretpassword"}) {
            ConfigValues config = ConfigValues.of(Map.of("promptgate.secretKey", bad), Map.of(), Map.of());
            assertThatThrownBy(() -> MasterKey.load(config, home))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("PROMPTGATE_SECRET_KEY")
                    .hasMessageContaining("promptgate.secretKey")
                    .hasMessageContaining("32 bytes")
                    .hasMessageNotContaining(bad)
                    .hasNoCause();
        }
    }

    @Test
    void refusesACorruptKeyFileInsteadOfReplacingIt() throws Exception {
        Path keyFile = home.resolve("secret.key");
        Files.writeString(keyFile, "garbage");

        assertThatThrownBy(() -> MasterKey.load(noSettings(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageNotContaining("garbage");
        assertThat(Files.readString(keyFile)).isEqualTo("garbage");
    }

    @Test
    void fromBase64NeverEchoesItsInput() {
        assertThatThrownBy(() -> MasterKey.fromBase64("hunter2hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
    }

    private static ConfigValues noSettings() {
        return ConfigValues.of(Map.of(), Map.of(), Map.of());
    }
}
