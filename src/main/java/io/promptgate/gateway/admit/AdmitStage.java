package io.promptgate.gateway.admit;

import io.promptgate.core.GatewayError;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;

/**
 * Waits, without holding a thread, for the key, provider and global permits, then hands the
 * exchange on with its target provider and model (the fallback's when the primary's queue was
 * full). Ends the exchange with 429 / 503 / 529 when refused.
 */
public final class AdmitStage implements Stage {
    private final Admission admission;

    public AdmitStage(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        GatewaySnapshot snapshot = exchange.snapshot().snapshot();
        admission.limiters().apply(snapshot);
        Route route = exchange.route();
        Provider primary = Targets.primary(snapshot, route);
        Provider fallback = Targets.fallback(snapshot, route);
        Ticket ticket = new Ticket();
        exchange.ticket(ticket);
        long waitStarted = System.nanoTime();
        admission.admit(exchange.caller(), exchange.protocol(), primary, fallback,
                snapshot.settings().queueTimeoutMs(), ticket, new Admission.Listener() {
                    @Override
                    public void admitted(Provider provider, boolean viaFallback) {
                        exchange.queueNanos(System.nanoTime() - waitStarted);
                        exchange.target(provider, viaFallback ? route.effectiveFallbackModel() : route.model(), viaFallback);
                        next.proceed();
                    }

                    @Override
                    public void refused(GatewayError error) {
                        exchange.queueNanos(System.nanoTime() - waitStarted);
                        next.fail(error);
                    }
                });
    }
}
