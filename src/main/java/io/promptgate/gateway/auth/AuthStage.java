package io.promptgate.gateway.auth;

import io.promptgate.core.ApiKey;
import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import io.promptgate.core.KeyDigest;
import io.promptgate.gateway.Exchange;
import io.promptgate.gateway.Next;
import io.promptgate.gateway.Stage;

/** Authenticates the caller's {@code pg_} key; ends the exchange with 401 on any doubt. */
public final class AuthStage implements Stage {
    /** Real keys are far shorter; anything longer is refused before it is hashed. */
    static final int MAX_KEY_LENGTH = 256;
    private static final String KEY_PREFIX = "pg_";

    @Override
    public void handle(Exchange exchange, Next next) {
        String presented = PresentedKey.from(exchange.clientRequest());
        if (presented == null) {
            throw unauthorized("Missing API key: send 'Authorization: Bearer pg_...' or 'x-api-key: pg_...'");
        }
        if (!presented.startsWith(KEY_PREFIX) || presented.length() > MAX_KEY_LENGTH) {
            throw unauthorized("Invalid API key");
        }
        ApiKey key = exchange.snapshot().keys().find(KeyDigest.sha256(presented));
        if (key == null) {
            throw unauthorized("Invalid API key");
        }
        if (!key.enabled()) {
            throw unauthorized("API key is disabled");
        }
        exchange.caller(key);
        next.proceed();
    }

    private static GatewayError unauthorized(String message) {
        return GatewayError.of(ErrorKind.AUTHENTICATION, message);
    }
}
