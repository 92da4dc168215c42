package io.promptgate.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;

/** The key a caller presents: {@code x-api-key}, else {@code Authorization: Bearer}. */
final class PresentedKey {
    private static final String BEARER = "bearer ";

    private PresentedKey() {
    }

    static String from(HttpServletRequest request) {
        String apiKey = request.getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
