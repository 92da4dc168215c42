package io.promptgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigRulesTest {
    @Test
    void baseUrls() {
        assertThat(ConfigRules.baseUrlProblem("https://api.openai.com/v1")).isEmpty();
        assertThat(ConfigRules.baseUrlProblem("http://127.0.0.1:9001")).isEmpty();
        assertThat(ConfigRules.baseUrlProblem("ftp://x")).contains("must be an http or https URL");
        assertThat(ConfigRules.baseUrlProblem("api.openai.com/v1")).contains("must be an http or https URL");
        assertThat(ConfigRules.baseUrlProblem("http://")).contains("must be an http or https URL");
        assertThat(ConfigRules.baseUrlProblem("https://user:pw@x/v1")).get().asString().contains("credentials");
        assertThat(ConfigRules.baseUrlProblem("https://x/v1?a=b")).get().asString().contains("query");
        assertThat(ConfigRules.normalizeBaseUrl(" https://x/v1// ")).isEqualTo("https://x/v1");
    }

    @Test
    void hostsAndPaths() {
        assertThat(ConfigRules.hostProblem(null)).isEmpty();
        assertThat(ConfigRules.hostProblem("*")).isEmpty();
        assertThat(ConfigRules.hostProblem("*.example.com")).isEmpty();
        assertThat(ConfigRules.hostProblem("Code.Example.com:8443")).isEmpty();
        assertThat(ConfigRules.hostProblem("bad host")).isPresent();
        assertThat(ConfigRules.hostProblem("a.*.com")).isPresent();
        assertThat(ConfigRules.normalizeHost(" Code.Example.COM ")).isEqualTo("code.example.com");
        assertThat(ConfigRules.normalizeHost(null)).isEqualTo("*");

        assertThat(ConfigRules.pathProblem("/v1/messages")).isEmpty();
        assertThat(ConfigRules.pathProblem("/v1/*")).isEmpty();
        assertThat(ConfigRules.pathProblem("/*")).isEmpty();
        assertThat(ConfigRules.pathProblem("v1/messages")).isPresent();
        assertThat(ConfigRules.pathProblem("/v1*")).isPresent();
        assertThat(ConfigRules.pathProblem("/v1/messages?x=1")).isPresent();
    }

    @Test
    void namesAndKeys() {
        assertThat(ConfigRules.nameProblem("qwen-provider")).isEmpty();
        assertThat(ConfigRules.nameProblem("alice@example.com")).isEmpty();
        assertThat(ConfigRules.nameProblem("Provider A")).isPresent();
        assertThat(ConfigRules.nameProblem("")).contains("is required");
        assertThat(GatewayKeyFormat.problem("sk_0123456789012345678901234567890")).contains("must start with pg_");
        assertThat(GatewayKeyFormat.problem("pg_short")).contains("must be at least 32 characters long");
        assertThat(GatewayKeyFormat.problem("pg_0123456789012345678901234567 9")).isPresent();
        assertThat(GatewayKeyFormat.problem("pg_01234567890123456789012345678")).isEmpty();
    }
}
