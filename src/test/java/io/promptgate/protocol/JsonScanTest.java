package io.promptgate.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.protocol.anthropic.AnthropicUsageTracker;
import io.promptgate.protocol.openai.OpenAiUsageTracker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonScanTest {

    @Test
    void picksOnlyTheNamedTopLevelFields() throws IOException {
        ObjectNode picked = JsonScan.pick("{\"a\":{\"usage\":1},\"usage\":{\"n\":2},\"b\":[1,{\"c\":3}],\"type\":\"t\"}",
                Set.of("usage", "type", "absent"));
        assertThat(picked.toString()).isEqualTo("{\"usage\":{\"n\":2},\"type\":\"t\"}");
    }

    @Test
    void pickedValuesAreTheTreesTheMapperReads() throws IOException {
        String value = "{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":0.10,"
                + "\"e\":1e40,\"t\":true,\"f\":false,\"n\":null,\"s\":\"caf\\u00e9 \\ud83d\\ude00\","
                + "\"a\":[[],{},[1,\"x\",{\"k\":[null]}]],\"dup\":1,\"dup\":2}";
        ObjectNode picked = JsonScan.pick("{\"skip\":[1,2],\"v\":" + value + "}", Set.of("v"));
        assertThat(picked.get("v")).isEqualTo(Json.MAPPER.readTree(value));
        assertThat(picked.get("v").get("d").decimalValue()).isEqualByComparingTo("0.10");
    }

    @Test
    void aTruncatedPickedValueIsAnError() {
        assertThatThrownBy(() -> JsonScan.pick("{\"usage\":{\"n\":[1,", Set.of("usage"))).isInstanceOf(IOException.class);
    }

    @Test
    void notAnObjectIsNull() throws IOException {
        assertThat(JsonScan.pick("[1]", Set.of("a"))).isNull();
        assertThat(JsonScan.pick("\"a\"".getBytes(), Set.of("a"))).isNull();
    }

    @Test
    void malformedBeforeTheFieldIsAnError() {
        assertThatThrownBy(() -> JsonScan.pick("{\"x\":[1,}", Set.of("usage"))).isInstanceOf(IOException.class);
    }

    @Test
    void countsAreNonNegativeWholeNumbers() throws IOException {
        ObjectNode n = JsonScan.pick("{\"a\":{\"i\":5,\"d\":5.0,\"neg\":-1,\"s\":\"5\",\"nul\":null,\"big\":1e40}}", Set.of("a"));
        assertThat(JsonScan.count(n.at("/a/i"))).isEqualTo(5L);
        assertThat(JsonScan.count(n.at("/a/d"))).isEqualTo(5L);
        assertThat(JsonScan.count(n.at("/a/neg"))).isNull();
        assertThat(JsonScan.count(n.at("/a/s"))).isNull();
        assertThat(JsonScan.count(n.at("/a/nul"))).isNull();
        assertThat(JsonScan.count(n.at("/a/big"))).isNull();
        assertThat(JsonScan.count(null)).isNull();
    }

    @Test
    void trackerPerUpstreamProtocol() {
        assertThat(UsageTrackers.forUpstream(Protocol.OPENAI)).isInstanceOf(OpenAiUsageTracker.class);
        assertThat(UsageTrackers.forUpstream(Protocol.ANTHROPIC)).isInstanceOf(AnthropicUsageTracker.class);
    }
}
