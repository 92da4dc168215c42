package io.promptgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    @Test
    void eachKeyHasThreeNames() {
        assertThat(ConfigKey.HOME.envName()).isEqualTo("PROMPTGATE_HOME");
        assertThat(ConfigKey.HOME.systemPropertyName()).isEqualTo("promptgate.home");
        assertThat(ConfigKey.HOME.jndiLookupName()).isEqualTo("java:comp/env/promptgate/home");
        assertThat(ConfigKey.SECRET_KEY.envName()).isEqualTo("PROMPTGATE_SECRET_KEY");
        assertThat(ConfigKey.SECRET_KEY.systemPropertyName()).isEqualTo("promptgate.secretKey");
        assertThat(ConfigKey.ADMIN_PASSWORD.jndiName()).isEqualTo("promptgate/adminPassword");
        assertThat(ConfigKey.CONFIG.envName()).isEqualTo("PROMPTGATE_CONFIG");
    }

    @Test
    void systemPropertyWinsOverEnvironmentWhichWinsOverJndi() {
        Map<String, String> jndi = Map.of("promptgate/home", "/from/jndi", "promptgate/config", "/jndi.yaml",
                "promptgate/adminPassword", "jndi-pw");
        Map<String, String> env = Map.of("PROMPTGATE_HOME", "/from/env", "PROMPTGATE_CONFIG", "/env.yaml");
        Map<String, String> props = Map.of("promptgate.home", "/from/property");
        ConfigValues values = ConfigValues.of(props, env, jndi);

        assertThat(values.get(ConfigKey.HOME)).contains("/from/property");
        assertThat(values.get(ConfigKey.CONFIG)).contains("/env.yaml");
        assertThat(values.get(ConfigKey.ADMIN_PASSWORD)).contains("jndi-pw");
        assertThat(values.get(ConfigKey.SECRET_KEY)).isEmpty();
    }

    @Test
    void blankValuesCountAsAbsent() {
        ConfigValues values = ConfigValues.of(Map.of("promptgate.home", "  "), Map.of("PROMPTGATE_HOME", "/env"), Map.of());
        assertThat(values.get(ConfigKey.HOME)).contains("/env");
    }

    @Test
    void realEnvironmentWithoutJndiTreatsTheLookupFailureAsAbsent() {
        // no InitialContext is configured in unit tests: the JNDI source must just say "absent"
        ConfigValues values = ConfigValues.fromEnvironment();
        assertThat(values.get(ConfigKey.ADMIN_PASSWORD)).isEqualTo(
                java.util.Optional.ofNullable(System.getProperty("promptgate.adminPassword"))
                        .or(() -> java.util.Optional.ofNullable(System.getenv("PROMPTGATE_ADMIN_PASSWORD"))));
        assertThat(values.toString()).doesNotContain("/");
    }
}
