package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.gateway.Exchange;
import io.promptgate.protocol.adapt.AnthropicToOpenAiRequest;
import io.promptgate.protocol.adapt.CountTokens;
import io.promptgate.protocol.adapt.OpenAiToAnthropicResponse;
import io.promptgate.protocol.adapt.OpenAiToAnthropicStream;
import io.promptgate.protocol.adapt.RequestOptions;
import io.promptgate.protocol.adapt.UpstreamErrors;

/** An Anthropic Messages caller served by an OpenAI-compatible exit: Claude Code on any model. */
final class AnthropicCallerOnOpenAiExit implements ExitAdapter {
    private long inputTokenEstimate;

    @Override
    public Protocol exit() {
        return Protocol.OPENAI;
    }

    @Override
    public ObjectNode upstreamBody(Exchange exchange, Provider provider) {
        ObjectNode anthropic = exchange.requestJson();
        inputTokenEstimate = exchange.stream() ? CountTokens.count(anthropic) : 0;
        return AnthropicToOpenAiRequest.translate(anthropic, RequestOptions.defaults());
    }

    @Override
    public String upstreamPath(Exchange exchange) {
        return "/v1/chat/completions";
    }

    @Override
    public BodyInspector inspector(Exchange exchange, int status, boolean eventStream) {
        String model = exchange.upstreamModel();
        if (status >= 300) {
            return new TranslatedBody(body -> UpstreamErrors.openAiToAnthropic(status, body));
        }
        if (eventStream) {
            OpenAiToAnthropicStream translator = new OpenAiToAnthropicStream(model, inputTokenEstimate);
            return new TranslatedStream(translator::onEvent, translator::finish, translator::usage);
        }
        return new TranslatedBody(body -> OpenAiToAnthropicResponse.translate(body, model));
    }
}
