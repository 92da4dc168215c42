package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.UsageTracker;
import io.promptgate.protocol.UsageTrackers;
import io.promptgate.protocol.openai.StreamUsageOption;

/** Same protocol on both sides: the body goes as it is and the answer comes back byte for byte. */
record PassThroughAdapter(Protocol exit) implements ExitAdapter {

    @Override
    public ObjectNode upstreamBody(Exchange exchange, Provider provider) {
        return exchange.requestJson();
    }

    @Override
    public String upstreamPath(Exchange exchange) {
        return exchange.path();
    }

    @Override
    public String upstreamQuery(Exchange exchange) {
        return exchange.clientRequest().getQueryString();
    }

    @Override
    public BodyInspector inspector(Exchange exchange, int status, boolean eventStream) {
        if (status >= 300) {
            return new OpaqueBody();
        }
        UsageTracker tracker = UsageTrackers.forUpstream(exit);
        if (!eventStream) {
            return new JsonBody(tracker);
        }
        if (exit == Protocol.OPENAI && !exchange.callerWantsUsageChunk()) {
            return SseBody.dropping(tracker, StreamUsageOption::isUsageOnlyChunk);
        }
        return SseBody.passThrough(tracker);
    }
}
