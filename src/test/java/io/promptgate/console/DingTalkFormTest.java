package io.promptgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings page's DingTalk form: the webhook URL and secret are write-only; empty keeps them. */
class DingTalkFormTest {
    private static Map<String, Object> view() {
        Map<String, Object> view = new HashMap<>();
        view.put("enabled", true);
        view.put("webhookUrlSet", true);
        view.put("webhookUrlHint", "https://oapi.dingtalk.com/robot/send?…abcd");
        view.put("secretSet", true);
        view.put("cron", "0 9 * * *");
        view.put("timeZone", "Asia/Shanghai");
        view.put("excludedUsers", List.of("monitor", "test"));
        view.put("language", "zh");
        return view;
    }

    @Test
    void startsFromTheServicesViewWithoutAnySecret() {
        DingTalkForm form = DingTalkForm.of(view());
        assertThat(form.isEnabled()).isTrue();
        assertThat(form.isWebhookUrlSet()).isTrue();
        assertThat(form.getWebhookUrlHint()).endsWith("abcd");
        assertThat(form.isSecretSet()).isTrue();
        assertThat(form.getExcludedUsers()).isEqualTo("monitor, test");
        assertThat(form.getNewWebhookUrl()).isNull();
        assertThat(form.getNewSecret()).isNull();
    }

    @Test
    void emptyWriteOnlyFieldsKeepTheStoredValues() {
        DingTalkForm form = DingTalkForm.of(view());
        form.setNewWebhookUrl("  ");
        form.setNewSecret(null);
        Map<String, Object> changes = form.changes();
        assertThat(changes).doesNotContainKeys("webhookUrl", "secret")
                .containsEntry("enabled", true).containsEntry("cron", "0 9 * * *")
                .containsEntry("excludedUsers", List.of("monitor", "test")).containsEntry("language", "zh");
    }

    @Test
    void typedValuesAreSentAndNeverReadBackAndRemoveClears() {
        DingTalkForm form = DingTalkForm.of(view());
        form.setNewWebhookUrl(" https://oapi.dingtalk.com/robot/send?access_token=t0k3n ");
        form.setNewSecret("SECabc");
        assertThat(form.getNewWebhookUrl()).isNull();
        assertThat(form.getNewSecret()).isNull();
        assertThat(form.changes()).containsEntry("webhookUrl", "https://oapi.dingtalk.com/robot/send?access_token=t0k3n")
                .containsEntry("secret", "SECabc");

        form.forgetSecrets();
        form.setClearSecret(true);
        form.setExcludedUsers("a,  b\nc");
        assertThat(form.changes()).doesNotContainKey("webhookUrl").containsEntry("secret", "")
                .containsEntry("excludedUsers", List.of("a", "b", "c"));
    }
}
