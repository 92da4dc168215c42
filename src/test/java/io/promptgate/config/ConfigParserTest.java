package io.promptgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private final ConfigParser parser = new ConfigParser();

    @Test
    void readsYamlAndJsonAlike() {
        String yaml = """
                providers:
                  - name: p
                    openaiBaseUrl: http://x/v1
                    apiKeys: [k1]
                    concurrency: 3
                routes:
                  - {name: r, path: /v1/messages, protocol: anthropic, provider: p, model: m}
                """;
        String json = """
                {"providers": [{"name": "p", "openaiBaseUrl": "http://x/v1", "apiKeys": ["k1"], "concurrency": 3}],
                 "routes": [{"name": "r", "path": "/v1/messages", "protocol": "anthropic", "provider": "p", "model": "m"}]}
                """;
        assertThat(parser.parse(yaml)).isEqualTo(parser.parse(json));
        assertThat(parser.parse(yaml).providers().get(0).concurrency()).isEqualTo(3);
        assertThat(parser.parse(yaml).providers().get(0).anthropicBaseUrl()).isNull();
    }

    @Test
    void anEmptyDocumentChangesNothing() {
        ConfigDocument doc = parser.parse("");
        assertThat(doc.providers()).isEmpty();
        assertThat(doc.settings()).isNull();
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        String yaml = "providers:\n  - name: p\n    apiKeys: [sk-very-secret-value\n  oops: {\n";
        assertThatThrownBy(() -> parser.parse(yaml, ConfigFormat.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("YAML syntax error at line \\d+, column \\d+: .*")
                .hasMessageNotContaining("sk-very-secret-value");
    }

    @Test
    void reportsJsonSyntaxErrorsWithTheirLineWithoutQuotingValues() {
        String json = "{\n \"providers\": [\n  {\"name\": \"p\", \"apiKeys\": [sk-secret-token]}\n ]\n}";
        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("JSON syntax error at line 3")
                .hasMessageNotContaining("sk-secret-token");
    }

    @Test
    void rejectsUnknownFieldsAtEveryLevel() {
        String yaml = """
                provider: []
                routes:
                  - name: r
                    modle: m
                """;
        assertThatThrownBy(() -> parser.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "provider: unknown top-level field (expected settings, providers, policies, routes, users)",
                        "routes[0].modle: unknown field (expected name, host, path, protocol, provider, model, policy,"
                                + " fallbackProvider, fallbackModel)"));
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> parser.parse("routes: []\nroutes: []\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void reportsWrongTypesByPathWithoutTheValue() {
        String yaml = """
                settings: {globalConcurrency: many, fallbackStatuses: [429, x]}
                providers:
                  - name: p
                    apiKeys: [12345678]
                users:
                  - username: u
                    password: 1234
                    enabled: yes please
                """;
        assertThatThrownBy(() -> parser.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "settings.globalConcurrency: must be an integer",
                        "settings.fallbackStatuses[1]: must be an integer",
                        "providers[0].apiKeys[0]: must be a string (quote it)",
                        "users[0].password: must be a string (quote it)",
                        "users[0].enabled: must be true or false"))
                .hasMessageNotContaining("12345678")
                .hasMessageNotContaining("1234");
    }

    @Test
    void toStringsNeverShowSecrets() {
        ConfigDocument doc = parser.parse("""
                providers: [{name: p, openaiBaseUrl: "http://x", apiKeys: [sk-hidden-1]}]
                users: [{username: u, password: pw-hidden, apiKeys: [{name: k, key: pg_hidden}]}]
                """);
        assertThat(doc.toString()).doesNotContain("sk-hidden-1", "pw-hidden", "pg_hidden");
    }
}
