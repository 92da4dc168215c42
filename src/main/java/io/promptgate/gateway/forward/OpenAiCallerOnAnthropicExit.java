package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.adapt.AnthropicToOpenAiResponse;
import io.promptgate.protocol.adapt.AnthropicToOpenAiStream;
import io.promptgate.protocol.adapt.OpenAiToAnthropicRequest;
import io.promptgate.protocol.adapt.RequestOptions;
import io.promptgate.protocol.adapt.TranslatedResponse;
import io.promptgate.protocol.adapt.UpstreamErrors;

/** An OpenAI-compatible caller served by a provider that only has an Anthropic exit. */
final class OpenAiCallerOnAnthropicExit extends TranslatingAdapter {
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
    TranslatedResponse translateError(int status, byte[] body) {
        return UpstreamErrors.anthropicToOpenAi(status, body);
    }

    @Override
    TranslatedResponse translateAnswer(byte[] body, String model) {
        return AnthropicToOpenAiResponse.translate(body, model);
    }

    @Override
    TranslatedStream translateStream(Exchange exchange, String model) {
        AnthropicToOpenAiStream translator = new AnthropicToOpenAiStream(model, exchange.callerWantsUsageChunk());
        return new TranslatedStream(translator::onEvent, translator::finish, translator::usage);
    }
}
