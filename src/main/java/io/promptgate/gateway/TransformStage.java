package io.promptgate.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.PromptPolicy;
import io.promptgate.core.Protocol;
import io.promptgate.protocol.PromptInjection;
import io.promptgate.protocol.RequestBodies;
import io.promptgate.protocol.openai.StreamUsageOption;

/**
 * Turns the client's body into the upstream's: JSON checked (400 otherwise, nothing sent), fields
 * that could steer the upstream removed, {@code model} set to the route's model id, the route's
 * prompt policy injected, and for OpenAI streams the usage chunk requested so that tokens can be
 * recorded.
 */
public final class TransformStage implements Stage {
    @Override
    public void handle(Exchange exchange, Next next) {
        ObjectNode body = RequestBodies.parse(exchange.clientBody());
        RequestBodies.stripClientControlledFields(body);
        RequestBodies.rewriteModel(body, exchange.route().model());
        injectPolicy(exchange, body);
        boolean stream = RequestBodies.isStream(body);
        exchange.stream(stream);
        exchange.callerWantsUsageChunk(true);
        if (stream && exchange.route().protocol() == Protocol.OPENAI) {
            exchange.callerWantsUsageChunk(StreamUsageOption.ensureIncludeUsage(body));
        }
        exchange.requestJson(body);
        exchange.clientBody(null); // the parsed form is the one that travels on
        next.proceed();
    }

    /** The route's prompt policy, if it names one that exists. */
    private static void injectPolicy(Exchange exchange, ObjectNode body) {
        String name = exchange.route().policy();
        if (name == null) {
            return;
        }
        PromptPolicy policy = exchange.snapshot().snapshot().policiesByName().get(name);
        if (policy != null) {
            PromptInjection.apply(exchange.route().protocol(), body, policy.mode(), policy.text());
        }
    }
}
