package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.promptgate.protocol.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class CountTokensTest {

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private static ObjectNode request(String json) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void answersTheCountTokensBody() throws IOException {
        ObjectNode body = CountTokens.estimate(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}]}"));
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("input_tokens").isIntegralNumber()).isTrue();
        assertThat(body.get("input_tokens").longValue()).isPositive();
    }

    @Test
    void errsHighOnPlainText() throws IOException {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        long exact = O200K.countTokens(text);
        long estimate = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.MAPPER.writeValueAsString(text) + "}]}"));
        assertThat(estimate).isGreaterThanOrEqualTo(exact * 110 / 100);
        assertThat(estimate).as("but not absurdly").isLessThan(exact * 2);
    }

    @Test
    void neverZeroEvenForAnEmptyRequest() throws IOException {
        assertThat(CountTokens.count(request("{}"))).isPositive();
        assertThat(CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}"))).isPositive();
        assertThat(CountTokens.count(request("{\"messages\":\"not a list\",\"system\":42}"))).isPositive();
    }

    @Test
    void countsSystemToolUseToolResultsAndTools() throws IOException {
        long base = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        long withSystem = CountTokens.count(request("{\"system\":[{\"type\":\"text\",\"text\":\"You are a very careful assistant who checks everything twice.\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(withSystem).isGreaterThan(base + 10);
        long withToolUse = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"read_file\",\"input\":{\"path\":\"/src/main/java/App.java\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{\"type\":\"text\",\"text\":\"public class App { public static void main(String[] a) {} }\"}]}]}]}"));
        assertThat(withToolUse).isGreaterThan(base + 30);
        long withTools = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]}"));
        assertThat(withTools).isGreaterThan(base + CountTokens.TOOLS_PREAMBLE);
    }

    @Test
    void imagesCountAFixedAllowance() throws IOException {
        long text = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"}]}]}"));
        long twoImages = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + "A".repeat(100_000) + "\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.png\"}}]}]}"));
        assertThat(twoImages - text).isBetween(2L * CountTokens.IMAGE_TOKENS, 2L * CountTokens.IMAGE_TOKENS * 115 / 100);
    }

    @Test
    void pdfDocumentsCountByTheirSize() throws IOException {
        String small = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0x\"}}]}]}";
        String large = small.replace("JVBERi0x", "A".repeat(400_000)); // ~300 KB: 6 allowances
        assertThat(CountTokens.count(request(small))).isGreaterThanOrEqualTo(CountTokens.DOCUMENT_PAGE_TOKENS);
        assertThat(CountTokens.count(request(large))).isGreaterThanOrEqualTo(6L * CountTokens.DOCUMENT_PAGE_TOKENS);
    }

    @Test
    void specialTokenTextIsCountedAsText() throws IOException {
        long count = CountTokens.count(request("{\"messages\":[{\"role\":\"user\",\"content\":\"<|endoftext|> and <|im_start|>\"}]}"));
        assertThat(count).isPositive();
    }
}
