package io.promptgate.gateway;

import io.promptgate.core.GatewayError;

/** What the finisher needs from a relay that is streaming an upstream response. */
public interface ResponseRelayHandle {
    /** True once any response byte (headers included) has been committed to the client. */
    boolean committed();

    /**
     * Stops relaying because of {@code error}: cancels the upstream and ends the client response
     * with the error (a replaced response before the first byte, a terminal event after it).
     *
     * @return false when nothing of the upstream's response has reached the client yet and the
     *         caller must answer the error itself
     */
    boolean abort(GatewayError error);

    /** The client went away: cancel the upstream and finish the exchange as cancelled. */
    void clientGone();
}
