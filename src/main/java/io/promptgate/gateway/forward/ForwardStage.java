package io.promptgate.gateway.forward;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.ExchangeFinisher;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;
import io.promptgate.protocol.RequestBodies;
import io.promptgate.protocol.UsageTracker;
import io.promptgate.protocol.UsageTrackers;
import io.promptgate.protocol.openai.StreamUsageOption;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;

/**
 * Sends the request to the provider's exit with the provider's own key and relays the answer.
 * The last stage: it always answers the exchange, through the relay or the finisher.
 */
public final class ForwardStage implements Stage {
    private final UpstreamClients clients;
    private final IdleWatchdog watchdog;
    private final ExchangeFinisher finisher;

    public ForwardStage(UpstreamClients clients, IdleWatchdog watchdog, ExchangeFinisher finisher) {
        this.clients = clients;
        this.watchdog = watchdog;
        this.finisher = finisher;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        Route route = exchange.route();
        Provider provider = exchange.snapshot().snapshot().providersByName().get(route.provider());
        if (provider == null) {
            throw GatewayError.of(ErrorKind.BAD_GATEWAY, "Route '" + route.name() + "' names a provider that is not configured");
        }
        Protocol exit = route.protocol();
        URI base = provider.exit(exit).orElseThrow(() -> GatewayError.of(ErrorKind.BAD_GATEWAY,
                "Provider '" + provider.name() + "' has no " + exit.wireName() + " exit"));
        exchange.target(provider, route.model(), false);
        RequestBodies.rewriteModel(exchange.requestJson(), route.model());
        byte[] body = RequestBodies.serialize(exchange.requestJson());

        HttpRequest upstreamRequest = UpstreamRequests.build(exchange.clientRequest(), exchange.path(), provider, exit, base, body);
        ResponseRelay relay = new ResponseRelay(exchange, finisher, watchdog,
                successfulStream -> inspectorFor(exchange, exit, successfulStream),
                provider.idleTimeout().toNanos());
        exchange.relay(relay);
        watchdog.register(relay);
        CompletableFuture<?> call = clients.forConnectTimeout(provider.connectTimeout()).sendAsync(upstreamRequest, relay);
        relay.upstreamCall(call);
        call.whenComplete((response, failure) -> {
            if (failure != null && !(failure instanceof CancellationException) && !relay.isTerminal()) {
                finisher.fail(exchange, UpstreamFailures.toError(failure, provider.name()));
            }
        });
    }

    private static BodyInspector inspectorFor(Exchange exchange, Protocol exit, boolean successfulStream) {
        UsageTracker tracker = UsageTrackers.forUpstream(exit);
        if (!successfulStream) {
            return new JsonBody(tracker);
        }
        if (exit == Protocol.OPENAI && !exchange.callerWantsUsageChunk()) {
            return SseBody.dropping(tracker, StreamUsageOption::isUsageOnlyChunk);
        }
        return SseBody.passThrough(tracker);
    }
}
