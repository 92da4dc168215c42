package io.promptgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk group robot on a loopback port ({@code POST /robot/send?access_token=…}): checks the
 * signature the way DingTalk does when given a secret (HMAC-SHA256 over {@code timestamp\nsecret},
 * Base64, URL-encoded, timestamp within an hour), records every message, and answers with queued
 * replies, else {@code {"errcode":0,"errmsg":"ok"}}.
 */
public final class FakeDingTalk implements AutoCloseable {
    public static final String TOKEN = "fake-access-token-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch held;

    /** One message as it arrived; {@code signatureValid} is null when no secret is expected. */
    public record Received(Map<String, String> query, JsonNode body, Boolean signatureValid) {
        public String title() {
            return body.path("markdown").path("title").asText();
        }

        public String text() {
            return body.path("markdown").path("text").asText();
        }
    }

    record Reply(int status, String body, String location) {
    }

    /** @param secret the robot's signing secret; null for an unsigned robot */
    public FakeDingTalk(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/robot/send", this::handle);
        server.start();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=" + TOKEN;
    }

    /** Queues the next answers (status and body). */
    public FakeDingTalk enqueue(int status, String body) {
        replies.add(new Reply(status, body, null));
        return this;
    }

    /** Queues a redirect, which a sender must not follow. */
    public FakeDingTalk enqueueRedirect(String location) {
        replies.add(new Reply(302, "", location));
        return this;
    }

    /** Holds every answer (after the message is received) until the returned action runs, as a slow DingTalk would. */
    public Runnable holdAnswers() {
        CountDownLatch gate = new CountDownLatch(1);
        held = gate;
        return gate::countDown;
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Boolean valid = secret == null ? null : signatureValid(query);
            received.add(new Received(query, body, valid));
            CountDownLatch gate = held;
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Reply reply = replies.poll();
            if (reply == null) {
                reply = Boolean.FALSE.equals(valid) ? new Reply(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}", null)
                        : !TOKEN.equals(query.get("access_token"))
                        ? new Reply(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}", null)
                        : new Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", null);
            }
            if (reply.location() != null) {
                exchange.getResponseHeaders().add("Location", reply.location());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private boolean signatureValid(Map<String, String> query) {
        String timestamp = query.get("timestamp");
        String sign = query.get("sign");
        if (timestamp == null || sign == null) {
            return false;
        }
        long ts = Long.parseLong(timestamp);
        if (Math.abs(System.currentTimeMillis() - ts) > 3_600_000L) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(sign);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Query parameters, URL-decoded once (as DingTalk reads them). */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
