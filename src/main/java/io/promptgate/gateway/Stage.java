package io.promptgate.gateway;

/**
 * One step of the request path. A stage does its part and then either hands the exchange on with
 * {@link Next#proceed()} (now, or later from a callback), answers it itself, or throws a
 * {@link io.promptgate.core.GatewayError} (or calls {@link Next#fail}) to end it with an error in
 * the caller's protocol shape.
 */
public interface Stage {
    void handle(Exchange exchange, Next next) throws Exception;

    /** The name used in logs and contract violations. */
    default String name() {
        return getClass().getSimpleName();
    }
}
