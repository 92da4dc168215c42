package io.promptgate.console;

import io.promptgate.report.DingTalkSettings;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DingTalk report settings as the settings page edits them. The webhook URL (it holds the
 * robot's access token) and the signing secret are write-only: the form starts without them, the
 * page shows only whether they are set (and the URL's hint), their getters return nothing, and an
 * empty field keeps the stored value; the "remove" boxes clear it.
 */
public class DingTalkForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private boolean enabled;
    private String newWebhookUrl;
    private boolean clearWebhookUrl;
    private String newSecret;
    private boolean clearSecret;
    private String cron;
    private String timeZone;
    private String excludedUsers;
    private String language;
    private boolean webhookUrlSet;
    private String webhookUrlHint;
    private boolean secretSet;

    /** From the settings service's view (which holds no token and no secret). */
    static DingTalkForm of(Map<String, Object> view) {
        DingTalkForm f = new DingTalkForm();
        f.enabled = Boolean.TRUE.equals(view.get(DingTalkSettings.ENABLED));
        f.webhookUrlSet = Boolean.TRUE.equals(view.get("webhookUrlSet"));
        f.webhookUrlHint = view.get("webhookUrlHint") instanceof String hint ? hint : null;
        f.secretSet = Boolean.TRUE.equals(view.get("secretSet"));
        f.cron = text(view.get(DingTalkSettings.CRON));
        f.timeZone = text(view.get(DingTalkSettings.TIME_ZONE));
        f.excludedUsers = view.get(DingTalkSettings.EXCLUDED_USERS) instanceof Collection<?> users
                ? String.join(", ", users.stream().map(String::valueOf).toList()) : "";
        f.language = text(view.get(DingTalkSettings.LANGUAGE));
        return f;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The changes for the settings service: the URL and secret only when typed or to be removed. */
    Map<String, Object> changes() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(DingTalkSettings.ENABLED, enabled);
        String url = TextLists.blankToNull(newWebhookUrl);
        if (url != null) {
            changes.put(DingTalkSettings.WEBHOOK_URL, url);
        } else if (clearWebhookUrl) {
            changes.put(DingTalkSettings.WEBHOOK_URL, "");
        }
        String secret = newSecret == null || newSecret.isBlank() ? null : newSecret.trim();
        if (secret != null) {
            changes.put(DingTalkSettings.SECRET, secret);
        } else if (clearSecret) {
            changes.put(DingTalkSettings.SECRET, "");
        }
        changes.put(DingTalkSettings.CRON, cron == null ? "" : cron.trim());
        changes.put(DingTalkSettings.TIME_ZONE, timeZone == null ? "" : timeZone.trim());
        changes.put(DingTalkSettings.EXCLUDED_USERS, TextLists.parse(excludedUsers));
        changes.put(DingTalkSettings.LANGUAGE, language == null ? "" : language);
        return changes;
    }

    /** Forgets what was typed into the write-only fields. */
    void forgetSecrets() {
        newWebhookUrl = null;
        newSecret = null;
        clearWebhookUrl = false;
        clearSecret = false;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Write-only: never sent back to the browser. */
    public String getNewWebhookUrl() {
        return null;
    }

    public void setNewWebhookUrl(String newWebhookUrl) {
        this.newWebhookUrl = newWebhookUrl;
    }

    public boolean isClearWebhookUrl() {
        return clearWebhookUrl;
    }

    public void setClearWebhookUrl(boolean clearWebhookUrl) {
        this.clearWebhookUrl = clearWebhookUrl;
    }

    /** Write-only: never sent back to the browser. */
    public String getNewSecret() {
        return null;
    }

    public void setNewSecret(String newSecret) {
        this.newSecret = newSecret;
    }

    public boolean isClearSecret() {
        return clearSecret;
    }

    public void setClearSecret(boolean clearSecret) {
        this.clearSecret = clearSecret;
    }

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getExcludedUsers() {
        return excludedUsers;
    }

    public void setExcludedUsers(String excludedUsers) {
        this.excludedUsers = excludedUsers;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public boolean isWebhookUrlSet() {
        return webhookUrlSet;
    }

    public String getWebhookUrlHint() {
        return webhookUrlHint;
    }

    public boolean isSecretSet() {
        return secretSet;
    }
}
