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
import io.promptgate.protocol.adapt.TranslatedResponse;
import io.promptgate.protocol.adapt.UpstreamErrors;

/** An Anthropic Messages caller served by an OpenAI-compatible exit: Claude Code on any model. */
final class AnthropicCallerOnOpenAiExit extends TranslatingAdapter {
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
    TranslatedResponse translateError(int status, byte[] body) {
        return UpstreamErrors.openAiToAnthropic(status, body);
    }

    @Override
    TranslatedResponse translateAnswer(byte[] body, String model) {
        return OpenAiToAnthropicResponse.translate(body, model);
    }

    @Override
    TranslatedStream translateStream(Exchange exchange, String model) {
        OpenAiToAnthropicStream translator = new OpenAiToAnthropicStream(model, inputTokenEstimate);
        return new TranslatedStream(translator::onEvent, translator::finish, translator::usage);
    }
}
