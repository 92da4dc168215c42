package io.promptgate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.config.ConfigException;
import io.promptgate.core.GatewaySettings;
import io.promptgate.store.ApiKeyEntity;
import io.promptgate.store.PromptPolicyEntity;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.RouteEntity;
import io.promptgate.store.SettingEntity;
import io.promptgate.store.UserEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * The declarative document through the admin API (administrators only).
 *
 * <p>Export writes every setting, provider, policy, route and user, and each user's key names and
 * limits, but no secret: no upstream key, gateway key or password. Importing an export back
 * therefore changes nothing (absent {@code apiKeys}, {@code key} and {@code password} keep what
 * is stored).
 *
 * <p>Import applies a document as the start-up file is applied (validated as a whole, all or
 * nothing), plus the admin API's own rules: provider base URLs must pass the
 * {@link UpstreamUrlPolicy} and every route touched must be servable. Gateway keys generated for
 * new keys without a {@code key} are returned in the result, once, instead of being written to
 * the generated-keys file.
 */
public final class ConfigTransfer {
    public static final String AUDIT_TARGET = "admin API";

    private final SessionFactory sessions;
    private final ConfigImport imports;
    private final SnapshotService snapshots;
    private final SettingsService settings;
    private final UpstreamUrlPolicy urls;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    ConfigTransfer(SessionFactory sessions, ConfigImport imports, SnapshotService snapshots, SettingsService settings,
                   UpstreamUrlPolicy urls) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.imports = Objects.requireNonNull(imports, "imports");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.urls = Objects.requireNonNull(urls, "urls");
    }

    /** The stored configuration as a document, without secrets; {@code yaml} or JSON. */
    public String export(Caller caller, boolean asYaml) {
        caller.requireAdmin();
        Map<String, Object> document = sessions.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return document(session);
        });
        try {
            return (asYaml ? yaml : json).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration document", e);
        }
    }

    /** Applies a document given as text (JSON when it starts with <code>{</code>, YAML otherwise). */
    public Imported importDocument(Caller caller, String text) {
        caller.requireAdmin();
        ConfigDocument document;
        try {
            document = imports.parse(text);
        } catch (ConfigException e) {
            throw new InvalidInputException(e.problems());
        }
        checkUrls(document);
        List<String> routes = document.routes().stream().map(ConfigDocument.RouteSpec::name).toList();
        List<String> providers = document.providers().stream().map(ProviderSpec::name).toList();
        ConfigImport.Applied applied;
        try {
            applied = imports.apply(document, caller.actor(), ConfigImport.AUDIT_ACTION, AUDIT_TARGET,
                    session -> { }, session -> DocumentEdits.requireServable(session, routes, providers), false);
        } catch (ConfigException e) {
            throw new InvalidInputException(e.problems());
        }
        snapshots.reload();
        settings.reload(); // the document may set recordRetentionDays
        List<Imported.Key> keys = applied.generatedKeys().stream()
                .map(k -> new Imported.Key(k.username(), k.keyName(), k.key()))
                .toList();
        return new Imported(applied.result().changes(), keys);
    }

    private void checkUrls(ConfigDocument document) {
        boolean allowPrivate = settings.admin().allowPrivateUpstreams();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < document.providers().size(); i++) {
            ProviderSpec p = document.providers().get(i);
            String at = "providers[" + i + "]";
            urls.problem(p.openaiBaseUrl(), allowPrivate).ifPresent(m -> problems.add(at + ".openaiBaseUrl: " + m));
            urls.problem(p.anthropicBaseUrl(), allowPrivate).ifPresent(m -> problems.add(at + ".anthropicBaseUrl: " + m));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static Map<String, Object> document(Session session) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings(session));
        doc.put("providers", session.createSelectionQuery("from ProviderEntity p order by p.name", ProviderEntity.class)
                .getResultList().stream().map(ConfigTransfer::provider).toList());
        doc.put("policies", session.createSelectionQuery("from PromptPolicyEntity p order by p.name", PromptPolicyEntity.class)
                .getResultList().stream().map(ConfigTransfer::policy).toList());
        doc.put("routes", session.createSelectionQuery("select r from RouteEntity r join fetch r.provider"
                        + " left join fetch r.policy left join fetch r.fallbackProvider order by r.name", RouteEntity.class)
                .getResultList().stream().map(ConfigTransfer::route).toList());
        Map<Long, List<Map<String, Object>>> keys = new HashMap<>();
        for (ApiKeyEntity k : session.createSelectionQuery("select k from ApiKeyEntity k join fetch k.user order by k.name",
                ApiKeyEntity.class).getResultList()) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("name", k.getName());
            key.put("concurrency", k.getConcurrency());
            key.put("enabled", k.isEnabled());
            keys.computeIfAbsent(k.getUser().getId(), id -> new ArrayList<>()).add(key);
        }
        List<Map<String, Object>> users = new ArrayList<>();
        for (UserEntity u : session.createSelectionQuery("from UserEntity u order by u.username", UserEntity.class).getResultList()) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", u.getUsername());
            user.put("role", u.getRole().wireName());
            user.put("enabled", u.isEnabled());
            user.put("apiKeys", keys.getOrDefault(u.getId(), List.of()));
            users.add(user);
        }
        doc.put("users", users);
        return doc;
    }

    private static Map<String, Object> settings(Session session) {
        Map<String, String> rows = new HashMap<>();
        session.createSelectionQuery("from SettingEntity", SettingEntity.class).getResultList()
                .forEach(s -> rows.put(s.getKey(), s.getValue()));
        GatewaySettings g = SettingsCodec.fromRows(rows);
        // only the settings that were ever set: an import then writes nothing new, and defaults stay defaults
        Map<String, Object> s = new LinkedHashMap<>();
        putIfStored(s, rows, SettingsCodec.GLOBAL_CONCURRENCY, g.globalConcurrency());
        putIfStored(s, rows, SettingsCodec.GLOBAL_QUEUE, g.globalQueue());
        putIfStored(s, rows, SettingsCodec.QUEUE_TIMEOUT_MS, g.queueTimeoutMs());
        putIfStored(s, rows, SettingsCodec.MAX_BODY_BYTES, g.maxBodyBytes());
        putIfStored(s, rows, SettingsCodec.LOG_LANGUAGE, g.logLanguage());
        putIfStored(s, rows, SettingsCodec.FALLBACK_STATUSES, new ArrayList<>(new TreeSet<>(g.fallbackStatuses())));
        putIfStored(s, rows, AdminSettings.RECORD_RETENTION_DAYS, AdminSettings.fromRows(rows).recordRetentionDays());
        return s;
    }

    private static void putIfStored(Map<String, Object> out, Map<String, String> rows, String key, Object value) {
        if (rows.containsKey(key)) {
            out.put(key, value);
        }
    }

    private static Map<String, Object> provider(ProviderEntity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.getName());
        putIfSet(m, "openaiBaseUrl", p.getOpenaiBaseUrl());
        putIfSet(m, "anthropicBaseUrl", p.getAnthropicBaseUrl());
        m.put("models", p.getModels());
        m.put("concurrency", p.getConcurrency());
        m.put("queue", p.getQueueSize());
        putIfSet(m, "maxOutputTokens", p.getMaxOutputTokens());
        putIfSet(m, "connectTimeoutMs", p.getConnectTimeoutMs());
        putIfSet(m, "firstByteTimeoutMs", p.getFirstByteTimeoutMs());
        putIfSet(m, "idleTimeoutMs", p.getIdleTimeoutMs());
        return m; // no apiKeys: secrets are never exported, and an absent list keeps the stored keys on import
    }

    private static Map<String, Object> policy(PromptPolicyEntity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.getName());
        m.put("mode", p.getMode().wireName());
        m.put("text", p.getText());
        return m;
    }

    private static Map<String, Object> route(RouteEntity r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.getName());
        m.put("host", r.getHost());
        m.put("path", r.getPath());
        m.put("protocol", r.getProtocol().wireName());
        m.put("provider", r.getProvider().getName());
        m.put("model", r.getModel());
        putIfSet(m, "policy", r.getPolicy() == null ? null : r.getPolicy().getName());
        putIfSet(m, "fallbackProvider", r.getFallbackProvider() == null ? null : r.getFallbackProvider().getName());
        putIfSet(m, "fallbackModel", r.getFallbackModel());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** What an import changed, and the gateway keys it generated, shown this once. */
    public record Imported(List<String> changes, List<Key> generatedKeys) {
        public record Key(String user, String name, String key) {
            @Override
            public String toString() {
                return "Key[" + user + "/" + name + "]";
            }
        }
    }
}
