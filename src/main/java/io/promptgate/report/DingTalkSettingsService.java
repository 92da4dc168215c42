package io.promptgate.report;

import io.promptgate.ops.CronSchedule;
import io.promptgate.security.SecretBox;
import io.promptgate.service.AuditLog;
import io.promptgate.service.Caller;
import io.promptgate.service.InvalidInputException;
import io.promptgate.service.SettingsService;
import io.promptgate.service.UpstreamUrlPolicy;
import io.promptgate.service.WriteLock;
import io.promptgate.store.SettingEntity;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hibernate.SessionFactory;

/**
 * Reads and changes the DingTalk report settings (administrators only). The webhook URL and the
 * signing secret are sealed before they are stored and are never returned: the view says only
 * whether they are set, with a hint (the URL's host and path, the last characters of its token).
 * A change is validated as a whole, written in one transaction, audited without secrets, and then
 * reported to {@code onChange} (which reschedules the report).
 */
public final class DingTalkSettingsService {
    private static final Set<String> KEYS = Set.of(DingTalkSettings.ENABLED, DingTalkSettings.WEBHOOK_URL,
            DingTalkSettings.SECRET, DingTalkSettings.CRON, DingTalkSettings.TIME_ZONE, DingTalkSettings.EXCLUDED_USERS,
            DingTalkSettings.LANGUAGE);

    private final SessionFactory sessions;
    private final SecretBox secrets;
    private final UpstreamUrlPolicy urls;
    private final SettingsService settings;
    private volatile Runnable onChange = () -> { };
    private volatile DingTalkSettings current;

    public DingTalkSettingsService(SessionFactory sessions, SecretBox secrets, UpstreamUrlPolicy urls, SettingsService settings) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.current = read();
    }

    /** Called after every stored change. */
    public void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener, "listener");
    }

    public DingTalkSettings current() {
        return current;
    }

    /** Where to send: the opened webhook URL and secret; empty while no URL is set. */
    public Optional<Target> target() {
        DingTalkSettings s = current;
        if (s.sealedWebhookUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(new Target(secrets.decrypt(s.sealedWebhookUrl()),
                s.sealedSecret() == null ? null : secrets.decrypt(s.sealedSecret())));
    }

    /** The settings as the admin API shows them: no URL token, no secret. */
    public Map<String, Object> view(Caller caller) {
        caller.requireAdmin();
        DingTalkSettings s = current;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(DingTalkSettings.ENABLED, s.enabled());
        view.put("webhookUrlSet", s.sealedWebhookUrl() != null);
        view.put("webhookUrlHint", s.sealedWebhookUrl() == null ? null : hint(secrets.decrypt(s.sealedWebhookUrl())));
        view.put("secretSet", s.sealedSecret() != null);
        view.put(DingTalkSettings.CRON, s.cron());
        view.put(DingTalkSettings.TIME_ZONE, s.timeZone());
        view.put(DingTalkSettings.EXCLUDED_USERS, s.excludedUsers());
        view.put(DingTalkSettings.LANGUAGE, s.language());
        return view;
    }

    /**
     * Sets the given settings (absent ones keep their value; {@code webhookUrl} or {@code secret}
     * set to {@code ""} or {@code null} clears it).
     */
    public Map<String, Object> update(Caller caller, Map<String, Object> changes) {
        caller.requireAdmin();
        List<String> problems = new ArrayList<>();
        for (String key : changes.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(key + ": unknown setting");
            }
        }
        DingTalkSettings before = current;
        boolean enabled = changes.containsKey(DingTalkSettings.ENABLED)
                ? bool(changes.get(DingTalkSettings.ENABLED), DingTalkSettings.ENABLED, problems) : before.enabled();
        String url = changes.containsKey(DingTalkSettings.WEBHOOK_URL)
                ? webhookUrl(changes.get(DingTalkSettings.WEBHOOK_URL), problems) : null;
        String secret = changes.containsKey(DingTalkSettings.SECRET)
                ? optionalText(changes.get(DingTalkSettings.SECRET), DingTalkSettings.SECRET, 200, problems) : null;
        String cron = changes.containsKey(DingTalkSettings.CRON)
                ? optionalText(changes.get(DingTalkSettings.CRON), DingTalkSettings.CRON, 200, problems) : before.cron();
        String zone = changes.containsKey(DingTalkSettings.TIME_ZONE)
                ? optionalText(changes.get(DingTalkSettings.TIME_ZONE), DingTalkSettings.TIME_ZONE, 100, problems)
                : before.timeZone();
        List<String> excluded = changes.containsKey(DingTalkSettings.EXCLUDED_USERS)
                ? users(changes.get(DingTalkSettings.EXCLUDED_USERS), problems) : before.excludedUsers();
        String language = changes.containsKey(DingTalkSettings.LANGUAGE)
                ? language(changes.get(DingTalkSettings.LANGUAGE), problems) : before.language();
        if (zone == null) {
            problems.add(DingTalkSettings.TIME_ZONE + ": is required");
        } else if (cron == null) {
            problems.add(DingTalkSettings.CRON + ": is required");
        } else {
            try {
                CronSchedule.parse(cron, zone);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("unknown time zone") ? DingTalkSettings.TIME_ZONE : DingTalkSettings.CRON;
                problems.add(field + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String sealedUrl = !changes.containsKey(DingTalkSettings.WEBHOOK_URL) ? before.sealedWebhookUrl()
                : url == null ? null : secrets.encrypt(url);
        String sealedSecret = !changes.containsKey(DingTalkSettings.SECRET) ? before.sealedSecret()
                : secret == null || secret.isEmpty() ? null : secrets.encrypt(secret);
        DingTalkSettings after = new DingTalkSettings(enabled, sealedUrl, sealedSecret, cron, zone, excluded, language);
        if (after.enabled() && after.sealedWebhookUrl() == null) {
            throw new InvalidInputException(DingTalkSettings.WEBHOOK_URL + ": is required to enable the report");
        }
        store(caller, after, auditDetail(changes));
        return view(caller);
    }

    private void store(Caller caller, DingTalkSettings after, String detail) {
        sessions.inTransaction(session -> {
            WriteLock.takeFirst(session);
            after.toRows().forEach((key, value) -> {
                SettingEntity row = session.find(SettingEntity.class, DingTalkSettings.ROW_PREFIX + key);
                if (row == null) {
                    session.persist(new SettingEntity(DingTalkSettings.ROW_PREFIX + key, value));
                } else {
                    row.setValue(value);
                }
            });
            AuditLog.record(session, caller.actor(), "report.settings.update", "dingtalk", detail);
        });
        current = read();
        onChange.run();
    }

    /** What changed, without the URL's token or the secret. */
    private static String auditDetail(Map<String, Object> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((key, value) -> parts.add(key.equals(DingTalkSettings.WEBHOOK_URL) || key.equals(DingTalkSettings.SECRET)
                ? key + (value == null || "".equals(value) ? " cleared" : " changed") : key + "=" + value));
        return String.join(", ", parts);
    }

    private DingTalkSettings read() {
        return sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            Map<String, String> rows = new HashMap<>();
            session.createSelectionQuery("from SettingEntity s where s.key like :prefix", SettingEntity.class)
                    .setParameter("prefix", DingTalkSettings.ROW_PREFIX + "%").getResultList()
                    .forEach(s -> rows.put(s.getKey().substring(DingTalkSettings.ROW_PREFIX.length()), s.getValue()));
            return DingTalkSettings.fromRows(rows);
        });
    }

    /**
     * A webhook URL: https (plain http only with {@code allowPrivateUpstreams}, for tests), no user
     * info or fragment, to a host the upstream URL policy allows. Problems never echo the URL.
     */
    private String webhookUrl(Object value, List<String> problems) {
        String url = optionalText(value, DingTalkSettings.WEBHOOK_URL, 2000, problems);
        if (url == null || url.isEmpty()) {
            return null;
        }
        boolean allowPrivate = settings.admin().allowPrivateUpstreams();
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            problems.add(DingTalkSettings.WEBHOOK_URL + ": is not a URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivate)) {
            problems.add(DingTalkSettings.WEBHOOK_URL + ": must be an https URL");
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            problems.add(DingTalkSettings.WEBHOOK_URL + ": must not hold user info or a fragment");
            return null;
        }
        Optional<String> host = urls.hostProblem(uri.getHost(), allowPrivate);
        if (host.isPresent()) {
            problems.add(DingTalkSettings.WEBHOOK_URL + ": " + host.get());
            return null;
        }
        return url.trim();
    }

    /** {@code https://oapi.dingtalk.com/robot/send?…abcd}: enough to recognise, too little to use. */
    static String hint(String url) {
        URI uri = URI.create(url);
        String query = uri.getRawQuery();
        String tail = query == null ? "" : "?…" + query.substring(Math.max(0, query.length() - 4));
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + Objects.requireNonNullElse(uri.getRawPath(), "") + tail;
    }

    private static boolean bool(Object value, String key, List<String> problems) {
        if (value instanceof Boolean b) {
            return b;
        }
        problems.add(key + ": must be true or false");
        return false;
    }

    private static String optionalText(Object value, String key, int max, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            problems.add(key + ": must be a string");
            return null;
        }
        if (s.length() > max) {
            problems.add(key + ": is longer than " + max + " characters");
            return null;
        }
        return s;
    }

    private static List<String> users(Object value, List<String> problems) {
        if (value instanceof List<?> list && list.stream().allMatch(u -> u instanceof String s && !s.isBlank() && !s.contains(","))) {
            return list.stream().map(u -> ((String) u).trim()).distinct().toList();
        }
        problems.add(DingTalkSettings.EXCLUDED_USERS + ": must be a list of user names");
        return List.of();
    }

    private static String language(Object value, List<String> problems) {
        if (value instanceof String s) {
            String l = s.toLowerCase(Locale.ROOT);
            if (l.equals("en") || l.startsWith("en-")) {
                return "en";
            }
            if (l.equals("zh") || l.startsWith("zh-")) {
                return "zh";
            }
        }
        problems.add(DingTalkSettings.LANGUAGE + ": must be en or zh");
        return "en";
    }

    /** The opened webhook URL and secret, for one send; never printed. */
    public record Target(String webhookUrl, String secret) {
        @Override
        public String toString() {
            return "Target[" + hint(webhookUrl) + "]";
        }
    }
}
