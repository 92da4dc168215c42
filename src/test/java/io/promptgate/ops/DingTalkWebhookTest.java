package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.FakeDingTalk;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DingTalkWebhookTest {
    static final String SECRET = "SECfake0123456789abcdef+/=";
    final DingTalkWebhook webhook = new DingTalkWebhook(Clock.systemUTC(), Duration.ofMillis(20));

    @Test
    void theSignatureIsTheOneDingTalkComputes() {
        // a worked example: HMAC-SHA256("SECxyz", "1700000000000\nSECxyz"), Base64, URL-encoded in the query
        String sign = DingTalkWebhook.sign("SECxyz", 1_700_000_000_000L);
        assertThat(DingTalkWebhook.signedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", "SECxyz", 1_700_000_000_000L))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign="
                        + java.net.URLEncoder.encode(sign, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(java.util.Base64.getDecoder().decode(sign)).hasSize(32);
    }

    @Test
    void aSignedMarkdownMessageArrivesAndIsAccepted() {
        try (FakeDingTalk dingTalk = new FakeDingTalk(SECRET)) {
            DingTalkWebhook.Outcome outcome = webhook.sendMarkdown(dingTalk.webhookUrl(), SECRET, "Title", "#### Hello\n- a");
            assertThat(outcome.ok()).as(outcome.toString()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(1);
            FakeDingTalk.Received message = dingTalk.received().get(0);
            assertThat(message.signatureValid()).isTrue();
            assertThat(message.body().path("msgtype").asText()).isEqualTo("markdown");
            assertThat(message.title()).isEqualTo("Title");
            assertThat(message.text()).isEqualTo("#### Hello\n- a");
        }
    }

    @Test
    void aWrongSecretIsRefusedByDingTalkAndReportedAsAFailureAfterEveryTry() {
        try (FakeDingTalk dingTalk = new FakeDingTalk(SECRET)) {
            DingTalkWebhook.Outcome outcome = webhook.sendMarkdown(dingTalk.webhookUrl(), "SECwrong", "T", "x");
            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.errcode()).isEqualTo(310000);
            assertThat(outcome.attempts()).isEqualTo(3);
            assertThat(outcome.error()).contains("errcode 310000").doesNotContain("SECwrong").doesNotContain(FakeDingTalk.TOKEN);
            assertThat(dingTalk.received()).hasSize(3).allSatisfy(r -> assertThat(r.signatureValid()).isFalse());
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackOffThenSucceeds() {
        try (FakeDingTalk dingTalk = new FakeDingTalk(SECRET)) {
            dingTalk.enqueue(500, "{\"oops\":true}");
            long start = System.nanoTime();
            DingTalkWebhook.Outcome outcome = webhook.sendMarkdown(dingTalk.webhookUrl(), SECRET, "T", "x");
            assertThat(outcome.ok()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(dingTalk.received()).hasSize(2).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        }
    }

    @Test
    void redirectsAreNeverFollowedAndUnsignedRobotsGetNoSignature() {
        try (FakeDingTalk dingTalk = new FakeDingTalk(null); FakeDingTalk elsewhere = new FakeDingTalk(null)) {
            dingTalk.enqueueRedirect(elsewhere.webhookUrl()).enqueueRedirect(elsewhere.webhookUrl())
                    .enqueueRedirect(elsewhere.webhookUrl());
            DingTalkWebhook.Outcome outcome = webhook.sendMarkdown(dingTalk.webhookUrl(), null, "T", "x");
            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.status()).isEqualTo(302);
            assertThat(elsewhere.received()).isEmpty();
            assertThat(dingTalk.received().get(0).query()).doesNotContainKeys("timestamp", "sign");
        }
    }
}
