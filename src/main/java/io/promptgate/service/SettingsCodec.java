package io.promptgate.service;

import io.promptgate.config.ConfigDocument.SettingsSpec;
import io.promptgate.core.GatewaySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Global settings ↔ rows of the {@code settings} table. Keys are the names of the declarative
 * config ({@code globalConcurrency}, …); values are text, {@code fallbackStatuses} a comma list.
 * An absent or unreadable row means the default of {@link GatewaySettings#DEFAULTS}.
 */
public final class SettingsCodec {
    public static final String GLOBAL_CONCURRENCY = "globalConcurrency";
    public static final String GLOBAL_QUEUE = "globalQueue";
    public static final String QUEUE_TIMEOUT_MS = "queueTimeoutMs";
    public static final String MAX_BODY_BYTES = "maxBodyBytes";
    public static final String LOG_LANGUAGE = "logLanguage";
    public static final String FALLBACK_STATUSES = "fallbackStatuses";

    private static final Logger LOG = Logger.getLogger(SettingsCodec.class.getName());

    private SettingsCodec() {
    }

    /** The rows a {@code settings:} section sets; fields it leaves out are not included. */
    public static Map<String, String> toRows(SettingsSpec spec) {
        Map<String, String> rows = new LinkedHashMap<>();
        putIfPresent(rows, GLOBAL_CONCURRENCY, spec.globalConcurrency());
        putIfPresent(rows, GLOBAL_QUEUE, spec.globalQueue());
        putIfPresent(rows, QUEUE_TIMEOUT_MS, spec.queueTimeoutMs());
        putIfPresent(rows, MAX_BODY_BYTES, spec.maxBodyBytes());
        putIfPresent(rows, LOG_LANGUAGE, spec.logLanguage());
        if (spec.fallbackStatuses() != null) {
            rows.put(FALLBACK_STATUSES, encodeStatuses(Set.copyOf(spec.fallbackStatuses())));
        }
        putIfPresent(rows, AdminSettings.RECORD_RETENTION_DAYS, spec.recordRetentionDays());
        return rows;
    }

    /** Every row of {@code settings}. */
    public static Map<String, String> toRows(GatewaySettings settings) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(GLOBAL_CONCURRENCY, Integer.toString(settings.globalConcurrency()));
        rows.put(GLOBAL_QUEUE, Integer.toString(settings.globalQueue()));
        rows.put(QUEUE_TIMEOUT_MS, Long.toString(settings.queueTimeoutMs()));
        rows.put(MAX_BODY_BYTES, Long.toString(settings.maxBodyBytes()));
        rows.put(LOG_LANGUAGE, settings.logLanguage());
        rows.put(FALLBACK_STATUSES, encodeStatuses(settings.fallbackStatuses()));
        return rows;
    }

    /** The settings stored in {@code rows}, each missing or unreadable one at its default. */
    public static GatewaySettings fromRows(Map<String, String> rows) {
        GatewaySettings d = GatewaySettings.DEFAULTS;
        return new GatewaySettings(
                (int) number(rows, GLOBAL_CONCURRENCY, d.globalConcurrency()),
                (int) number(rows, GLOBAL_QUEUE, d.globalQueue()),
                number(rows, QUEUE_TIMEOUT_MS, d.queueTimeoutMs()),
                number(rows, MAX_BODY_BYTES, d.maxBodyBytes()),
                rows.getOrDefault(LOG_LANGUAGE, d.logLanguage()),
                statuses(rows, d.fallbackStatuses()));
    }

    private static void putIfPresent(Map<String, String> rows, String key, Object value) {
        if (value != null) {
            rows.put(key, value.toString());
        }
    }

    /** Sorted, so that the same set is always stored as the same text. */
    private static String encodeStatuses(Set<Integer> statuses) {
        return new TreeSet<>(statuses).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static long number(Map<String, String> rows, String key, long fallback) {
        String value = rows.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            LOG.warning(() -> "Setting " + key + " is not a number; using the default " + fallback);
            return fallback;
        }
    }

    private static Set<Integer> statuses(Map<String, String> rows, Set<Integer> fallback) {
        String value = rows.get(FALLBACK_STATUSES);
        if (value == null) {
            return fallback;
        }
        try {
            Set<Integer> statuses = new TreeSet<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    statuses.add(Integer.parseInt(part.trim()));
                }
            }
            return statuses;
        } catch (NumberFormatException e) {
            LOG.warning(() -> "Setting " + FALLBACK_STATUSES + " is not a list of statuses; using the default " + fallback);
            return fallback;
        }
    }
}
