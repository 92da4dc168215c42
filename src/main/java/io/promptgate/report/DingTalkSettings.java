package io.promptgate.report;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DingTalk daily-report settings as stored in the {@code settings} table (keys
 * {@code dingtalk.*}). The webhook URL (it carries the robot's access token) and the signing
 * secret are stored sealed by the secret box and never leave the server in clear.
 *
 * @param sealedWebhookUrl the webhook URL, sealed; {@code null} when not set
 * @param sealedSecret     the signing secret, sealed; {@code null} when the robot is not signed
 * @param cron             five-field cron expression of the report's time
 * @param timeZone         the zone the cron expression and the report's dates are read in
 * @param excludedUsers    users whose traffic the report leaves out
 * @param language         {@code en} or {@code zh}
 */
public record DingTalkSettings(boolean enabled, String sealedWebhookUrl, String sealedSecret, String cron, String timeZone,
                               List<String> excludedUsers, String language) {
    public static final String ENABLED = "enabled";
    public static final String WEBHOOK_URL = "webhookUrl";
    public static final String SECRET = "secret";
    public static final String CRON = "cron";
    public static final String TIME_ZONE = "timeZone";
    public static final String EXCLUDED_USERS = "excludedUsers";
    public static final String LANGUAGE = "language";
    /** Prefix of the rows in the {@code settings} table. */
    static final String ROW_PREFIX = "dingtalk.";

    public DingTalkSettings {
        excludedUsers = List.copyOf(excludedUsers);
    }

    public static DingTalkSettings defaults() {
        return new DingTalkSettings(false, null, null, "0 9 * * *", ZoneId.systemDefault().getId(), List.of(), "en");
    }

    /** From {@code dingtalk.*} rows (keys without the prefix); missing rows keep the defaults. */
    static DingTalkSettings fromRows(Map<String, String> rows) {
        DingTalkSettings d = defaults();
        String excluded = rows.get(EXCLUDED_USERS);
        return new DingTalkSettings(
                Boolean.parseBoolean(rows.getOrDefault(ENABLED, Boolean.toString(d.enabled()))),
                blankToNull(rows.get(WEBHOOK_URL)),
                blankToNull(rows.get(SECRET)),
                rows.getOrDefault(CRON, d.cron()),
                rows.getOrDefault(TIME_ZONE, d.timeZone()),
                excluded == null || excluded.isBlank() ? List.of()
                        : Arrays.stream(excluded.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList(),
                rows.getOrDefault(LANGUAGE, d.language()));
    }

    /** The rows (keys without the prefix); an unset URL or secret is stored as an empty value. */
    Map<String, String> toRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(ENABLED, Boolean.toString(enabled));
        rows.put(WEBHOOK_URL, sealedWebhookUrl == null ? "" : sealedWebhookUrl);
        rows.put(SECRET, sealedSecret == null ? "" : sealedSecret);
        rows.put(CRON, cron);
        rows.put(TIME_ZONE, timeZone);
        rows.put(EXCLUDED_USERS, String.join(",", excludedUsers));
        rows.put(LANGUAGE, language);
        return rows;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "DingTalkSettings[enabled=" + enabled + ", webhook " + (sealedWebhookUrl == null ? "unset" : "set") + ", secret "
                + (sealedSecret == null ? "unset" : "set") + ", " + cron + " " + timeZone + ", " + language + "]";
    }
}
