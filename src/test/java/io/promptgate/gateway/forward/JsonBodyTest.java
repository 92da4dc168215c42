package io.promptgate.gateway.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptgate.core.Protocol;
import io.promptgate.core.TokenUsage;
import io.promptgate.protocol.UsageTrackers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private static final String ANSWER = "{\"id\":\"c1\",\"choices\":[{\"message\":{\"content\":\"hi\"}}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}";

    @Test
    void usageIsReadFromABodyInOneChunkAfterTheRelayWroteIt() {
        JsonBody body = new JsonBody(UsageTrackers.forUpstream(Protocol.OPENAI));
        ByteBuffer chunk = ByteBuffer.wrap(ANSWER.getBytes(StandardCharsets.UTF_8));
        relay(body, chunk);
        body.onEnd();
        assertEquals(new TokenUsage(12, 34), body.usage());
    }

    @Test
    void usageIsReadFromABodySplitAcrossChunksAndSlices() {
        JsonBody body = new JsonBody(UsageTrackers.forUpstream(Protocol.OPENAI));
        byte[] bytes = ("xx" + ANSWER + "yy").getBytes(StandardCharsets.UTF_8);
        int cut = 2 + ANSWER.length() / 3;
        relay(body, ByteBuffer.wrap(bytes, 2, cut - 2).slice());
        relay(body, ByteBuffer.wrap(bytes, cut, ANSWER.length() - (cut - 2)));
        body.onEnd();
        assertEquals(new TokenUsage(12, 34), body.usage());
    }

    @Test
    void aBodyOverTheInspectionLimitIsRelayedButNotRead() {
        JsonBody body = new JsonBody(UsageTrackers.forUpstream(Protocol.OPENAI));
        relay(body, ByteBuffer.wrap(ANSWER.getBytes(StandardCharsets.UTF_8)));
        ByteBuffer big = ByteBuffer.wrap(new byte[JsonBody.MAX_INSPECTED]);
        assertEquals(List.of(big), body.onChunk(List.of(big)));
        body.onEnd();
        assertEquals(TokenUsage.NONE, body.usage());
    }

    /** What the relay does with a chunk: passes it through the inspector, then writes it out. */
    private static void relay(JsonBody body, ByteBuffer chunk) {
        List<ByteBuffer> out = body.onChunk(List.of(chunk));
        assertEquals(List.of(chunk), out);
        chunk.position(chunk.limit());
    }
}
