package io.promptgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends a markdown message to a DingTalk group robot: signed ({@code timestamp} and {@code sign}
 * query parameters) when a secret is set, retried with back-off on a failure (an HTTP error, an
 * I/O error or an {@code errcode} other than 0), never following a redirect. Outcomes never hold
 * the webhook's access token or the secret.
 */
public final class DingTalkWebhook {
    static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock;
    private final Duration firstBackoff;

    /** @param firstBackoff the wait before the second attempt; it doubles before each later one */
    public DingTalkWebhook(Clock clock, Duration firstBackoff) {
        this.clock = clock;
        this.firstBackoff = firstBackoff;
    }

    /** The outcome of a send: {@code error} says why the last attempt failed. */
    public record Outcome(boolean ok, int attempts, Integer status, Integer errcode, String error) {
    }

    public Outcome sendMarkdown(String webhookUrl, String secret, String title, String text) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("msgtype", "markdown", "markdown", Map.of("title", title, "text", text)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a DingTalk message", e);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        try {
            Outcome last = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (attempt > 1 && !sleep(firstBackoff.multipliedBy(1L << (attempt - 2)))) {
                    return last;
                }
                last = attempt(client, webhookUrl, secret, body, attempt);
                if (last.ok()) {
                    return last;
                }
            }
            return last;
        } finally {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // nothing is pending
                }
            }
        }
    }

    private Outcome attempt(HttpClient client, String webhookUrl, String secret, String body, int attempt) {
        String url = secret == null || secret.isEmpty() ? webhookUrl : signedUrl(webhookUrl, secret, clock.millis());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status != 200) {
                return new Outcome(false, attempt, status, null, "HTTP " + status + " from DingTalk");
            }
            JsonNode answer = JSON.readTree(response.body());
            int errcode = answer.path("errcode").asInt(-1);
            if (errcode != 0) {
                return new Outcome(false, attempt, status, errcode, "DingTalk refused the message: errcode " + errcode + " "
                        + clip(answer.path("errmsg").asText("")));
            }
            return new Outcome(true, attempt, status, 0, null);
        } catch (IOException e) {
            return new Outcome(false, attempt, null, null, "I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, attempt, null, null, "interrupted");
        }
    }

    /**
     * The webhook URL with DingTalk's signature: {@code timestamp} (ms) and {@code sign} =
     * URL-encoded Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
     */
    public static String signedUrl(String webhookUrl, String secret, long timestampMillis) {
        String sign = URLEncoder.encode(sign(secret, timestampMillis), StandardCharsets.UTF_8);
        return webhookUrl + (webhookUrl.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign=" + sign;
    }

    /** Base64(HMAC-SHA256 keyed with the secret, over {@code timestamp + "\n" + secret}), not yet URL-encoded. */
    public static String sign(String secret, long timestampMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** DingTalk's error messages are short; keep them so, and on one line. */
    private static String clip(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) : one;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
