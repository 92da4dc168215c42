package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.adapt.AnthropicToOpenAiResponse;
import io.promptgate.protocol.adapt.AnthropicToOpenAiStream;
import io.promptgate.protocol.adapt.OpenAiToAnthropicRequest;
import io.promptgate.protocol.adapt.RequestOptions;
import io.promptgate.protocol.adapt.UpstreamErrors;

/** An OpenAI-compatible caller served by a provider that only has an Anthropic exit. */
final class OpenAiCallerOnAnthropicExit implements ExitAdapter {
    @Override
    public Protocol exit() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public ObjectNode upstreamBody(Exchange exchange, Provider provider) {
        Integer cap = provider.maxOutputTokens();
        RequestOptions options = RequestOptions.defaults();
        if (cap != null && cap > 0) {
            options = options.withDefaultMaxTokens(cap);
        }
        return OpenAiToAnthropicRequest.translate(exchange.requestJson(), options);
    }

    @Override
    public String upstreamPath(Exchange exchange) {
        return "/v1/messages";
    }

    @Override
    public BodyInspector inspector(Exchange exchange, int status, boolean eventStream) {
        String model = exchange.upstreamModel();
        if (status >= 300) {
            return new TranslatedBody(body -> UpstreamErrors.anthropicToOpenAi(status, body));
        }
        if (eventStream) {
            AnthropicToOpenAiStream translator = new AnthropicToOpenAiStream(model, exchange.callerWantsUsageChunk());
            return new TranslatedStream(translator::onEvent, translator::finish, translator::usage);
        }
        return new TranslatedBody(body -> AnthropicToOpenAiResponse.translate(body, model));
    }
}
