package io.promptgate.gateway.forward;

import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.adapt.TranslatedResponse;

/** An exit in the other protocol: errors and whole answers translated once complete, streams as they come. */
abstract class TranslatingAdapter implements ExitAdapter {
    @Override
    public final BodyInspector inspector(Exchange exchange, int status, boolean eventStream) {
        String model = exchange.upstreamModel();
        if (status >= 300) {
            return new TranslatedBody(body -> translateError(status, body));
        }
        if (eventStream) {
            return translateStream(exchange, model);
        }
        return new TranslatedBody(body -> translateAnswer(body, model));
    }

    abstract TranslatedResponse translateError(int status, byte[] body);

    abstract TranslatedResponse translateAnswer(byte[] body, String model);

    abstract TranslatedStream translateStream(Exchange exchange, String model);
}
