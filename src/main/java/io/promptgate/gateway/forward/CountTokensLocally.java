package io.promptgate.gateway.forward;

import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.RequestBodies;
import io.promptgate.protocol.adapt.CountTokens;

/**
 * {@code POST …/messages/count_tokens} for an Anthropic caller whose provider has no Anthropic
 * exit: answered by the gateway with a local estimate (it errs high) instead of a call upstream.
 */
final class CountTokensLocally {
    private CountTokensLocally() {
    }

    static boolean applies(Exchange exchange) {
        return exchange.path().endsWith("/messages/count_tokens");
    }

    static byte[] answer(Exchange exchange) {
        return RequestBodies.serialize(CountTokens.estimate(exchange.requestJson()));
    }
}
