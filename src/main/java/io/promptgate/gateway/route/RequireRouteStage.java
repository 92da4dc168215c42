package io.promptgate.gateway.route;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;
import io.promptgate.gateway.Texts;

/** Ends an authenticated but unrouted exchange with 404. */
public final class RequireRouteStage implements Stage {
    @Override
    public void handle(Exchange exchange, Next next) {
        if (exchange.route() == null) {
            throw GatewayError.of(ErrorKind.NOT_FOUND,
                    "No route for " + exchange.method() + " " + Texts.clip(exchange.path()) + " on this host");
        }
        next.proceed();
    }
}
