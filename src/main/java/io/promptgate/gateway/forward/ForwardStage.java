package io.promptgate.gateway.forward;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.ExchangeFinisher;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;
import io.promptgate.gateway.admit.Admission;
import io.promptgate.gateway.admit.Targets;
import io.promptgate.protocol.OutputTokenPolicy;
import io.promptgate.protocol.RequestBodies;
import java.net.URI;
import java.util.Set;
import java.util.function.IntPredicate;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * Sends the request to the target provider's exit with the provider's own key and relays the
 * answer, translating both ways when the provider only speaks the other protocol. When the primary answers with a fallback status before any byte reached the client, the
 * request is sent once more, to the route's fallback provider. The last stage: it always answers
 * the exchange, through the relay or the finisher.
 */
public final class ForwardStage implements Stage {
    /** Statuses that are the caller's fault: never worth another provider, whatever the settings say. */
    private static final Set<Integer> NEVER_FALLBACK = Set.of(400, 401, 403);

    private final UpstreamClients clients;
    private final IdleWatchdog watchdog;
    private final ExchangeFinisher finisher;
    private final Admission admission;

    public ForwardStage(UpstreamClients clients, IdleWatchdog watchdog, ExchangeFinisher finisher, Admission admission) {
        this.clients = clients;
        this.watchdog = watchdog;
        this.finisher = finisher;
        this.admission = admission;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        send(exchange);
    }

    private void send(Exchange exchange) {
        Provider provider = exchange.provider();
        Protocol caller = exchange.route().protocol();
        Protocol exit = ExitAdapter.exitFor(provider, caller);
        URI base = provider.exit(exit).orElseThrow(() -> GatewayError.of(ErrorKind.BAD_GATEWAY,
                "Provider '" + provider.name() + "' has no exit"));
        if (caller != exit && CountTokensLocally.applies(exchange)) {
            finisher.answer(exchange, 200, "application/json", CountTokensLocally.answer(exchange));
            return;
        }
        ExitAdapter adapter = ExitAdapter.between(caller, exit);
        RequestBodies.rewriteModel(exchange.requestJson(), exchange.upstreamModel());
        ObjectNode upstreamBody = adapter.upstreamBody(exchange, provider);
        OutputTokenPolicy.apply(exit, upstreamBody, provider.maxOutputTokens());
        byte[] body = RequestBodies.serialize(upstreamBody);

        HttpClient client = clients.forConnectTimeout(provider.connectTimeout());
        Request upstreamRequest = UpstreamRequests.build(client, exchange.clientRequest(), adapter.upstreamPath(exchange),
                adapter.upstreamQuery(exchange), provider, exit, base, body);
        ResponseRelay relay = new ResponseRelay(exchange, finisher, watchdog,
                (status, eventStream) -> adapter.inspector(exchange, status, eventStream),
                provider.firstByteTimeout().toNanos(), provider.idleTimeout().toNanos(),
                fallbackTrigger(exchange), () -> retryOnFallback(exchange));
        exchange.relay(relay);
        watchdog.register(relay);
        relay.send(upstreamRequest);
    }

    /** Which upstream statuses send this exchange to its fallback provider (none once it is there). */
    private static IntPredicate fallbackTrigger(Exchange exchange) {
        GatewaySnapshot snapshot = exchange.snapshot().snapshot();
        if (exchange.fallback() || Targets.fallback(snapshot, exchange.route()) == null) {
            return status -> false;
        }
        Set<Integer> statuses = snapshot.settings().fallbackStatuses();
        return status -> statuses.contains(status) && !NEVER_FALLBACK.contains(status);
    }

    private void retryOnFallback(Exchange exchange) {
        Route route = exchange.route();
        GatewaySnapshot snapshot = exchange.snapshot().snapshot();
        Provider fallback = Targets.fallback(snapshot, route);
        exchange.relay(null);
        admission.readmitOnFallback(exchange.caller(), exchange.protocol(), exchange.provider(), fallback,
                snapshot.settings().queueTimeoutMs(), exchange.ticket(), new Admission.Listener() {
                    @Override
                    public void admitted(Provider provider, boolean viaFallback) {
                        exchange.target(provider, route.effectiveFallbackModel(), true);
                        try {
                            send(exchange);
                        } catch (RuntimeException e) {
                            finisher.fail(exchange, e instanceof GatewayError g ? g
                                    : GatewayError.of(ErrorKind.INTERNAL, "internal gateway error", e));
                        }
                    }

                    @Override
                    public void refused(GatewayError error) {
                        finisher.fail(exchange, error);
                    }
                });
    }
}
