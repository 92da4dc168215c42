package io.promptgate.gateway.route;

import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;

/**
 * Finds the route for Host + path and fixes the caller's protocol shape. Never ends the exchange:
 * an unrouted request goes on so that authentication answers first and strangers learn nothing
 * about which routes exist ({@link RequireRouteStage} answers 404 after auth).
 */
public final class RouteStage implements Stage {
    @Override
    public void handle(Exchange exchange, Next next) {
        exchange.snapshot().routes()
                .match(exchange.host(), exchange.path(), exchange.protocol())
                .ifPresent(exchange::route);
        next.proceed();
    }
}
