package io.promptgate.protocol.adapt;

import io.promptgate.core.TokenUsage;

/**
 * A whole (non-streaming) response translated into the caller's protocol.
 *
 * @param status the HTTP status to answer with: 200 for a translated answer, else the status of
 *               the error the body describes
 * @param body   the response body, JSON, UTF-8
 * @param usage  the tokens the upstream reported ({@link TokenUsage#NONE} when it reported none):
 *               input counts every prompt token, cached ones included
 */
public record TranslatedResponse(int status, byte[] body, TokenUsage usage) {

    public boolean isError() {
        return status >= 400;
    }
}
