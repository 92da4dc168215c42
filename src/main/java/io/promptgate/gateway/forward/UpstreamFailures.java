package io.promptgate.gateway.forward;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Maps what went wrong talking to an upstream to the caller's status, in one place: timeout → 504, I/O → 502. */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    public static GatewayError toError(Throwable failure, String providerName) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GatewayError error) {
            return error;
        }
        // Jetty's client: SocketTimeoutException when connecting, TimeoutException for an idle connection
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return GatewayError.of(ErrorKind.UPSTREAM_TIMEOUT,
                    "Provider '" + providerName + "' did not answer in time", cause);
        }
        return GatewayError.of(ErrorKind.BAD_GATEWAY,
                "Provider '" + providerName + "' could not be reached", cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
