package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.SettingsSpec;
import io.promptgate.config.ConfigException;
import io.promptgate.config.ConfigValidator;
import io.promptgate.config.ExistingConfig;
import io.promptgate.core.GatewaySettings;
import io.promptgate.store.SettingEntity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.SessionFactory;

/**
 * The global settings (administrators only): the gateway's (those of the declarative document)
 * and the console's ({@link AdminSettings}). A change is validated as a whole, written in one
 * transaction, audited, and published to the gateway before the call returns.
 */
public final class SettingsService {
    private static final Set<String> GATEWAY_KEYS = Set.of(SettingsCodec.GLOBAL_CONCURRENCY, SettingsCodec.GLOBAL_QUEUE,
            SettingsCodec.QUEUE_TIMEOUT_MS, SettingsCodec.MAX_BODY_BYTES, SettingsCodec.LOG_LANGUAGE,
            SettingsCodec.FALLBACK_STATUSES);

    private final SessionFactory sessions;
    private final SnapshotService snapshots;
    private volatile AdminSettings admin;

    public SettingsService(SessionFactory sessions, SnapshotService snapshots) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.admin = readAdmin();
    }

    /** The console's settings, without a database read. */
    public AdminSettings admin() {
        return admin;
    }

    /** Every setting by name: the gateway's first, then the console's. */
    public Map<String, Object> get() {
        GatewaySettings g = snapshots.current().settings();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(SettingsCodec.GLOBAL_CONCURRENCY, g.globalConcurrency());
        all.put(SettingsCodec.GLOBAL_QUEUE, g.globalQueue());
        all.put(SettingsCodec.QUEUE_TIMEOUT_MS, g.queueTimeoutMs());
        all.put(SettingsCodec.MAX_BODY_BYTES, g.maxBodyBytes());
        all.put(SettingsCodec.LOG_LANGUAGE, g.logLanguage());
        all.put(SettingsCodec.FALLBACK_STATUSES, new TreeSet<>(g.fallbackStatuses()));
        AdminSettings a = admin;
        all.put(AdminSettings.LOGIN_MAX_FAILURES, a.loginMaxFailures());
        all.put(AdminSettings.LOGIN_LOCK_SECONDS, a.loginLockSeconds());
        all.put(AdminSettings.ALLOW_PRIVATE_UPSTREAMS, a.allowPrivateUpstreams());
        all.put(AdminSettings.TIME_ZONE, a.timeZone());
        all.put(AdminSettings.DAY_START_HOUR, a.dayStartHour());
        all.put(AdminSettings.WEEK_START, a.weekStart());
        all.put(AdminSettings.RECORD_RETENTION_DAYS, a.recordRetentionDays());
        return all;
    }

    /** Sets the given settings (a partial map: absent ones keep their value); returns them all. */
    public Map<String, Object> update(Caller caller, Map<String, Object> changes) {
        caller.requireAdmin();
        List<String> problems = new ArrayList<>();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.putAll(gatewayRows(changes, problems));
        rows.putAll(adminRows(changes, problems));
        for (String key : changes.keySet()) {
            if (!GATEWAY_KEYS.contains(key) && !adminKeys().contains(key)) {
                problems.add(key + ": unknown setting");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            List<String> changed = new ArrayList<>();
            rows.forEach((key, value) -> {
                SettingEntity row = session.find(SettingEntity.class, key);
                if (row == null) {
                    session.persist(new SettingEntity(key, value));
                    changed.add(key + "=" + value);
                } else if (!row.getValue().equals(value)) {
                    row.setValue(value);
                    changed.add(key + "=" + value);
                }
            });
            if (!changed.isEmpty()) {
                AuditLog.record(session, caller.actor(), "settings.update", "settings", String.join(", ", changed));
            }
        });
        snapshots.reload();
        admin = readAdmin();
        return get();
    }

    private static Map<String, String> gatewayRows(Map<String, Object> changes, List<String> problems) {
        int before = problems.size();
        SettingsSpec spec = new SettingsSpec(
                integer(changes, SettingsCodec.GLOBAL_CONCURRENCY, problems),
                integer(changes, SettingsCodec.GLOBAL_QUEUE, problems),
                longValue(changes, SettingsCodec.QUEUE_TIMEOUT_MS, problems),
                longValue(changes, SettingsCodec.MAX_BODY_BYTES, problems),
                string(changes, SettingsCodec.LOG_LANGUAGE, problems),
                statuses(changes, problems),
                null); // recordRetentionDays is checked with the console's settings
        if (problems.size() > before) {
            return Map.of();
        }
        try {
            ConfigValidator.validate(new ConfigDocument(spec, null, null, null, null), ExistingConfig.empty());
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(p.startsWith("settings.") ? p.substring("settings.".length()) : p));
            return Map.of();
        }
        return SettingsCodec.toRows(spec);
    }

    private static Map<String, String> adminRows(Map<String, Object> changes, List<String> problems) {
        Map<String, String> rows = new HashMap<>();
        Integer maxFailures = integer(changes, AdminSettings.LOGIN_MAX_FAILURES, problems);
        if (maxFailures != null) {
            range(AdminSettings.LOGIN_MAX_FAILURES, maxFailures, 1, 1000, problems, rows);
        }
        Long lock = longValue(changes, AdminSettings.LOGIN_LOCK_SECONDS, problems);
        if (lock != null) {
            range(AdminSettings.LOGIN_LOCK_SECONDS, lock, 1, 7 * 24 * 3600, problems, rows);
        }
        if (changes.containsKey(AdminSettings.ALLOW_PRIVATE_UPSTREAMS)) {
            if (changes.get(AdminSettings.ALLOW_PRIVATE_UPSTREAMS) instanceof Boolean b) {
                rows.put(AdminSettings.ALLOW_PRIVATE_UPSTREAMS, b.toString());
            } else {
                problems.add(AdminSettings.ALLOW_PRIVATE_UPSTREAMS + ": must be true or false");
            }
        }
        String zone = string(changes, AdminSettings.TIME_ZONE, problems);
        if (zone != null) {
            AdminSettings.zoneProblem(zone).ifPresentOrElse(p -> problems.add(AdminSettings.TIME_ZONE + ": " + p),
                    () -> rows.put(AdminSettings.TIME_ZONE, zone));
        }
        Integer hour = integer(changes, AdminSettings.DAY_START_HOUR, problems);
        if (hour != null) {
            range(AdminSettings.DAY_START_HOUR, hour, 0, 23, problems, rows);
        }
        String week = string(changes, AdminSettings.WEEK_START, problems);
        if (week != null) {
            AdminSettings.weekProblem(week).ifPresentOrElse(p -> problems.add(AdminSettings.WEEK_START + ": " + p),
                    () -> rows.put(AdminSettings.WEEK_START, week.toLowerCase(Locale.ROOT)));
        }
        Integer retention = integer(changes, AdminSettings.RECORD_RETENTION_DAYS, problems);
        if (retention != null) {
            range(AdminSettings.RECORD_RETENTION_DAYS, retention, 0, 36_500, problems, rows);
        }
        return rows;
    }

    private static Set<String> adminKeys() {
        return AdminSettings.defaults().toRows().keySet();
    }

    /** Reads the console's settings again, after a document import may have changed them. */
    void reload() {
        admin = readAdmin();
    }

    private AdminSettings readAdmin() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            Map<String, String> rows = new HashMap<>();
            session.createSelectionQuery("from SettingEntity", SettingEntity.class).getResultList()
                    .forEach(s -> rows.put(s.getKey(), s.getValue()));
            return AdminSettings.fromRows(rows);
        });
    }

    private static void range(String key, long value, long min, long max, List<String> problems, Map<String, String> rows) {
        if (value < min || value > max) {
            problems.add(key + ": must be between " + min + " and " + max);
        } else {
            rows.put(key, Long.toString(value));
        }
    }

    private static Integer integer(Map<String, Object> changes, String key, List<String> problems) {
        Long value = longValue(changes, key, problems);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problems.add(key + ": is out of range");
            return null;
        }
        return value.intValue();
    }

    private static Long longValue(Map<String, Object> changes, String key, List<String> problems) {
        Object value = changes.get(key);
        if (value == null) {
            if (changes.containsKey(key)) {
                problems.add(key + ": must not be null");
            }
            return null;
        }
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                // falls through
            }
        }
        problems.add(key + ": must be an integer");
        return null;
    }

    private static String string(Map<String, Object> changes, String key, List<String> problems) {
        Object value = changes.get(key);
        if (value == null) {
            if (changes.containsKey(key)) {
                problems.add(key + ": must not be null");
            }
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        problems.add(key + ": must be a string");
        return null;
    }

    private static List<Integer> statuses(Map<String, Object> changes, List<String> problems) {
        Object value = changes.get(SettingsCodec.FALLBACK_STATUSES);
        if (value == null) {
            if (changes.containsKey(SettingsCodec.FALLBACK_STATUSES)) {
                problems.add(SettingsCodec.FALLBACK_STATUSES + ": must not be null");
            }
            return null;
        }
        if (value instanceof List<?> list) {
            List<Integer> statuses = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Integer i) {
                    statuses.add(i);
                } else {
                    problems.add(SettingsCodec.FALLBACK_STATUSES + ": must be a list of HTTP statuses");
                    return null;
                }
            }
            return statuses;
        }
        problems.add(SettingsCodec.FALLBACK_STATUSES + ": must be a list of HTTP statuses");
        return null;
    }
}
