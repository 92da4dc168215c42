package io.promptgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSnippetsTest {
    @Test
    void openAiRoutesGetCurlAndBothOpenAiSdksWithTheVersionedBaseUrl() {
        Map<String, String> snippets = ClientSnippets.of("https://code.example.com", "/team/v1/chat/completions", false, "qwen3");
        assertThat(snippets).containsOnlyKeys("playground.curl", "playground.openaiPython", "playground.openaiNode");
        assertThat(snippets.get("playground.curl")).contains("https://code.example.com/team/v1/chat/completions")
                .contains("Authorization: Bearer $PROMPTGATE_API_KEY").contains("\"model\":\"qwen3\"");
        assertThat(snippets.get("playground.openaiPython")).contains("base_url=\"https://code.example.com/team/v1\"");
        assertThat(snippets.get("playground.openaiNode")).contains("baseURL: \"https://code.example.com/team/v1\"");
    }

    @Test
    void anthropicRoutesGetCurlTheSdkAndClaudeCodeSettingsWithTheUnversionedBaseUrl() {
        Map<String, String> snippets = ClientSnippets.of("https://code.example.com", "/v1/messages", true, "qwen3.6-plus");
        assertThat(snippets).containsOnlyKeys("playground.curl", "playground.anthropicPython", "playground.claudeCode");
        assertThat(snippets.get("playground.curl")).contains("x-api-key: $PROMPTGATE_API_KEY").contains("anthropic-version");
        assertThat(snippets.get("playground.anthropicPython")).contains("base_url=\"https://code.example.com\"");
        assertThat(snippets.get("playground.claudeCode")).contains("\"ANTHROPIC_BASE_URL\": \"https://code.example.com\"")
                .contains("\"ANTHROPIC_MODEL\": \"qwen3.6-plus\"").contains("printenv PROMPTGATE_API_KEY");
    }

    @Test
    void prefixRoutesPostToTheProtocolsEndpoint() {
        assertThat(ClientSnippets.concrete("/v1/*", false)).isEqualTo("/v1/chat/completions");
        assertThat(ClientSnippets.concrete("/team/*", true)).isEqualTo("/team/v1/messages");
        assertThat(ClientSnippets.concrete("/v1/messages", true)).isEqualTo("/v1/messages");
    }

    @Test
    void noSnippetHoldsAKey() {
        for (boolean anthropic : new boolean[] {true, false}) {
            ClientSnippets.of("http://h", "/v1/x", anthropic, "m").values()
                    .forEach(snippet -> assertThat(snippet).doesNotContain("pg_"));
        }
    }
}
