package io.promptgate.gateway;

import io.promptgate.core.Protocol;
import jakarta.servlet.http.HttpServletRequest;

/** The caller's protocol before a route is known, so that even a 401 or 404 has the right shape. */
final class ProtocolGuess {
    private ProtocolGuess() {
    }

    static Protocol fromRequest(String path, HttpServletRequest request) {
        if (request.getHeader("anthropic-version") != null
                || request.getHeader("x-api-key") != null
                || path.endsWith("/messages")
                || path.endsWith("/messages/count_tokens")) {
            return Protocol.ANTHROPIC;
        }
        return Protocol.OPENAI;
    }
}
