package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.Exchange;

/**
 * How one exchange talks to the exit it goes out on: the body and path the upstream gets, and
 * what the caller gets back. Same protocol on both sides passes everything through; otherwise
 * the request, the answer, the stream and errors are translated (the protocol matrix).
 */
interface ExitAdapter {
    /** The protocol of the exit used. */
    Protocol exit();

    /** The upstream request body, from the caller's (already transformed) body. */
    ObjectNode upstreamBody(Exchange exchange, Provider provider);

    /** The client path whose API-relative part decides the upstream path ({@link UpstreamPath}). */
    String upstreamPath(Exchange exchange);

    /** The query string for the upstream (the caller's one is only meaningful to its own protocol). */
    default String upstreamQuery(Exchange exchange) {
        return null;
    }

    /** The inspector for an upstream answer with this status. */
    BodyInspector inspector(Exchange exchange, int status, boolean eventStream);

    /** The exit a provider offers for a caller speaking {@code caller}: its own protocol's when it has one. */
    static Protocol exitFor(Provider provider, Protocol caller) {
        if (provider.hasExit(caller)) {
            return caller;
        }
        return caller == Protocol.OPENAI ? Protocol.ANTHROPIC : Protocol.OPENAI;
    }

    static ExitAdapter between(Protocol caller, Protocol exit) {
        if (caller == exit) {
            return new PassThroughAdapter(exit);
        }
        return caller == Protocol.ANTHROPIC ? new AnthropicCallerOnOpenAiExit() : new OpenAiCallerOnAnthropicExit();
    }
}
