package io.promptgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.PolicyMode;
import io.promptgate.core.Protocol;
import org.junit.jupiter.api.Test;

class PromptInjectionTest {
    static final String POLICY = "You are a helpful assistant of Example Corp.";

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static String inject(Protocol protocol, PolicyMode mode, String body) throws Exception {
        ObjectNode node = json(body);
        PromptInjection.apply(protocol, node, mode, POLICY);
        return Json.MAPPER.writeValueAsString(node).replace('"', '\'');
    }

    @Test
    void anthropicStringSystem() throws Exception {
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.PREPEND, "{'system':'Be brief.'}"))
                .isEqualTo("{'system':'" + POLICY + "\\n\\nBe brief.'}");
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.APPEND, "{'system':'Be brief.'}"))
                .isEqualTo("{'system':'Be brief.\\n\\n" + POLICY + "'}");
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.REPLACE, "{'system':'Be brief.'}"))
                .isEqualTo("{'system':'" + POLICY + "'}");
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.APPEND, "{'model':'m'}"))
                .isEqualTo("{'model':'m','system':'" + POLICY + "'}");
    }

    @Test
    void anthropicBlocksKeepTheCallersBlocksAndCacheControl() throws Exception {
        String blocks = "{'system':[{'type':'text','text':'You are Claude Code.','cache_control':{'type':'ephemeral'}}]}";
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.PREPEND, blocks)).isEqualTo(
                "{'system':[{'type':'text','text':'" + POLICY + "'},"
                        + "{'type':'text','text':'You are Claude Code.','cache_control':{'type':'ephemeral'}}]}");
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.APPEND, blocks)).isEqualTo(
                "{'system':[{'type':'text','text':'You are Claude Code.','cache_control':{'type':'ephemeral'}},"
                        + "{'type':'text','text':'" + POLICY + "'}]}");
    }

    @Test
    void openAiSystemMessage() throws Exception {
        String body = "{'messages':[{'role':'system','content':'Be brief.'},{'role':'user','content':'hi'}]}";
        assertThat(inject(Protocol.OPENAI, PolicyMode.PREPEND, body)).isEqualTo(
                "{'messages':[{'role':'system','content':'" + POLICY + "\\n\\nBe brief.'},{'role':'user','content':'hi'}]}");
        assertThat(inject(Protocol.OPENAI, PolicyMode.APPEND, body)).isEqualTo(
                "{'messages':[{'role':'system','content':'Be brief.\\n\\n" + POLICY + "'},{'role':'user','content':'hi'}]}");
        assertThat(inject(Protocol.OPENAI, PolicyMode.REPLACE,
                "{'messages':[{'role':'user','content':'a'},{'role':'system','content':'x'},{'role':'system','content':'y'}]}"))
                .isEqualTo("{'messages':[{'role':'system','content':'" + POLICY + "'},{'role':'user','content':'a'}]}");
        assertThat(inject(Protocol.OPENAI, PolicyMode.APPEND, "{'messages':[{'role':'user','content':'hi'}]}"))
                .isEqualTo("{'messages':[{'role':'system','content':'" + POLICY + "'},{'role':'user','content':'hi'}]}");
    }

    @Test
    void openAiContentParts() throws Exception {
        assertThat(inject(Protocol.OPENAI, PolicyMode.PREPEND,
                "{'messages':[{'role':'system','content':[{'type':'text','text':'Be brief.'}]}]}"))
                .isEqualTo("{'messages':[{'role':'system','content':[{'type':'text','text':'" + POLICY
                        + "'},{'type':'text','text':'Be brief.'}]}]}");
    }

    @Test
    void injectedBytesAreStableFromCallToCall() throws Exception {
        String body = "{'system':[{'type':'text','text':'ctx','cache_control':{'type':'ephemeral'}}],'messages':[]}";
        assertThat(inject(Protocol.ANTHROPIC, PolicyMode.PREPEND, body))
                .isEqualTo(inject(Protocol.ANTHROPIC, PolicyMode.PREPEND, body));
    }

    @Test
    void outputTokenPolicyCapsAndSupplies() throws Exception {
        ObjectNode absent = json("{'model':'m'}");
        OutputTokenPolicy.apply(Protocol.ANTHROPIC, absent, 4096);
        assertThat(absent.path("max_tokens").asInt()).isEqualTo(4096);

        ObjectNode over = json("{'max_tokens':100000}");
        OutputTokenPolicy.apply(Protocol.ANTHROPIC, over, 4096);
        assertThat(over.path("max_tokens").asInt()).isEqualTo(4096);

        ObjectNode under = json("{'max_tokens':100}");
        OutputTokenPolicy.apply(Protocol.OPENAI, under, 4096);
        assertThat(under.path("max_tokens").asInt()).isEqualTo(100);

        ObjectNode completion = json("{'max_completion_tokens':9000}");
        OutputTokenPolicy.apply(Protocol.OPENAI, completion, 4096);
        assertThat(completion.path("max_completion_tokens").asInt()).isEqualTo(4096);
        assertThat(completion.has("max_tokens")).isFalse();

        ObjectNode untouched = json("{'max_tokens':100000}");
        OutputTokenPolicy.apply(Protocol.ANTHROPIC, untouched, null);
        assertThat(untouched.path("max_tokens").asInt()).isEqualTo(100000);
    }
}
