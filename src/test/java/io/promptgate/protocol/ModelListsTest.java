package io.promptgate.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.promptgate.core.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelListsTest {

    private static final Instant CREATED = Instant.parse("2026-06-02T13:20:01.123Z");

    @Test
    void openAiShape() throws IOException {
        JsonNode body = Json.MAPPER.readTree(ModelLists.openai(List.of("qwen3.6-plus", "gpt-4o"), CREATED));
        assertThat(fieldNames(body)).containsExactly("object", "data");
        assertThat(body.get("object").textValue()).isEqualTo("list");
        assertThat(body.get("data")).hasSize(2);
        JsonNode first = body.get("data").get(0);
        assertThat(fieldNames(first)).containsExactly("id", "object", "created", "owned_by");
        assertThat(first.get("id").textValue()).isEqualTo("qwen3.6-plus");
        assertThat(first.get("object").textValue()).isEqualTo("model");
        assertThat(first.get("created").longValue()).isEqualTo(CREATED.getEpochSecond());
        assertThat(first.get("owned_by").textValue()).isEqualTo("promptgate");
        assertThat(body.get("data").get(1).get("id").textValue()).isEqualTo("gpt-4o");
    }

    @Test
    void anthropicShape() throws IOException {
        JsonNode body = Json.MAPPER.readTree(ModelLists.anthropic(List.of("claude-x", "qwen3.6-plus"), CREATED));
        assertThat(fieldNames(body)).containsExactly("data", "has_more", "first_id", "last_id");
        JsonNode first = body.get("data").get(0);
        assertThat(fieldNames(first)).containsExactly("type", "id", "display_name", "created_at");
        assertThat(first.get("type").textValue()).isEqualTo("model");
        assertThat(first.get("id").textValue()).isEqualTo("claude-x");
        assertThat(first.get("display_name").textValue()).isEqualTo("claude-x");
        assertThat(first.get("created_at").textValue()).isEqualTo("2026-06-02T13:20:01Z");
        assertThat(body.get("has_more").booleanValue()).isFalse();
        assertThat(body.get("first_id").textValue()).isEqualTo("claude-x");
        assertThat(body.get("last_id").textValue()).isEqualTo("qwen3.6-plus");
    }

    @Test
    void duplicatesAndBlanksAreDroppedOrderKept() throws IOException {
        List<String> ids = Arrays.asList("b", "a", "b", "", null, " ", "c");
        JsonNode openai = Json.MAPPER.readTree(ModelLists.of(Protocol.OPENAI, ids, CREATED));
        assertThat(openai.get("data").findValuesAsText("id")).containsExactly("b", "a", "c");
        JsonNode anthropic = Json.MAPPER.readTree(ModelLists.of(Protocol.ANTHROPIC, ids, CREATED));
        assertThat(anthropic.get("data").findValuesAsText("id")).containsExactly("b", "a", "c");
        assertThat(anthropic.get("last_id").textValue()).isEqualTo("c");
    }

    @Test
    void emptyLists() throws IOException {
        assertThat(new String(ModelLists.openai(List.of(), CREATED))).isEqualTo("{\"object\":\"list\",\"data\":[]}");
        assertThat(new String(ModelLists.anthropic(List.of(), CREATED)))
                .isEqualTo("{\"data\":[],\"has_more\":false,\"first_id\":null,\"last_id\":null}");
    }

    @Test
    void unusualIdsAreEscaped() throws IOException {
        JsonNode body = Json.MAPPER.readTree(ModelLists.openai(List.of("a\"b\\c\n你好"), CREATED));
        assertThat(body.at("/data/0/id").textValue()).isEqualTo("a\"b\\c\n你好");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(e -> e.getKey()).toList();
    }
}
