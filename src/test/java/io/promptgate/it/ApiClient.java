package io.promptgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One "browser" (its own cookie jar) or script talking to the admin API of a running container.
 * Sends {@code Origin: <base URL>} on state-changing requests unless told otherwise, like a
 * browser on the console page would. Every response body is kept, for "no secret in any
 * response" assertions.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final List<String> transcript;
    private String basic;
    private String origin;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private boolean waitWhenThrottled = true;

    ApiClient(String base, List<String> transcript) {
        this.base = base;
        this.origin = base;
        this.transcript = transcript;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    ApiClient basic(String username, String password) {
        this.basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** The Origin sent on state-changing requests; null sends none. */
    ApiClient origin(String origin) {
        this.origin = origin;
        return this;
    }

    /**
     * Whether a {@code 429 too_fast} (the login slow-down other tests' failures leave on this
     * client address) is waited out and retried; on by default, off for tests of the throttle.
     */
    ApiClient waitWhenThrottled(boolean wait) {
        this.waitWhenThrottled = wait;
        return this;
    }

    ApiClient header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    Response login(String username, String password) {
        return login(username, password, false);
    }

    Response login(String username, String password, boolean rememberMe) {
        return post("/api/auth/login", Map.of("username", username, "password", password, "rememberMe", rememberMe));
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body, null);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response postText(String path, String contentType, String text) {
        return send("POST", path, text, contentType);
    }

    Response send(String method, String path, Object body, String contentType) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Response r = sendOnce(method, path, body, contentType);
            if (!waitWhenThrottled || r.status() != 429 || !r.body().contains("\"too_fast\"") || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(Long.parseLong(r.header("Retry-After").orElse("1")) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    private Response sendOnce(String method, String path, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        String payload = null;
        if (body instanceof String s) {
            payload = s;
        } else if (body != null) {
            try {
                payload = JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (payload != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        request.header("Accept", "application/json, application/yaml");
        if (basic != null) {
            request.header("Authorization", basic);
        }
        if (origin != null && !method.equals("GET") && !method.equals("HEAD")) {
            request.header("Origin", origin);
        }
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            transcript.add(method + " " + path + " -> " + response.statusCode() + " " + response.headers().map() + "\n"
                    + response.body());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    /** Puts a cookie into the jar, as if the browser had it. */
    void addCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    record Response(HttpResponse<String> raw) {
        int status() {
            return raw.statusCode();
        }

        String body() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + raw.statusCode() + "): " + raw.body(), e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The Set-Cookie header that sets {@code name}, if any. */
        Optional<String> setCookie(String name) {
            List<String> found = new ArrayList<>();
            for (String h : raw.headers().allValues("Set-Cookie")) {
                if (h.startsWith(name + "=")) {
                    found.add(h);
                }
            }
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
