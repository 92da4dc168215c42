package io.promptgate.service;

import io.promptgate.config.ConfigDocument;
import io.promptgate.config.ConfigDocument.ApiKeySpec;
import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.config.ConfigDocument.SettingsSpec;
import io.promptgate.config.ConfigDocument.UserSpec;
import io.promptgate.config.ConfigRules;
import io.promptgate.core.PolicyMode;
import io.promptgate.core.Protocol;
import io.promptgate.security.KeyHasher;
import io.promptgate.security.SecretBox;
import io.promptgate.security.SecretBoxException;
import io.promptgate.store.ApiKeyEntity;
import io.promptgate.store.PromptPolicyEntity;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.RouteEntity;
import io.promptgate.store.SettingEntity;
import io.promptgate.store.UpstreamKeyEntity;
import io.promptgate.store.UserEntity;
import io.promptgate.store.UserRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Upserts a validated document, by name, inside the caller's transaction. Writes only what
 * differs, so applying the same document again changes nothing: upstream keys are re-sealed
 * only when the key set changed, passwords set only when they no longer verify.
 */
final class ConfigWriter {
    /** Upstream keys shorter than this get no display hint: four characters would give too much away. */
    private static final int MIN_LENGTH_FOR_HINT = 8;

    private final Session session;
    private final SecretBox secrets;
    private final Map<String, String> newPasswordHashes;
    private final Instant now;
    private final List<String> changes = new ArrayList<>();
    private final List<GeneratedKey> generated = new ArrayList<>();

    /**
     * @param newPasswordHashes hashes of the users whose password changes, by username (see {@link PasswordChanges})
     */
    ConfigWriter(Session session, SecretBox secrets, Map<String, String> newPasswordHashes, Instant now) {
        this.session = session;
        this.secrets = secrets;
        this.newPasswordHashes = Map.copyOf(newPasswordHashes);
        this.now = now;
    }

    List<String> changes() {
        return changes;
    }

    List<GeneratedKey> generatedKeys() {
        return generated;
    }

    void write(ConfigDocument document) {
        if (document.settings() != null) {
            settings(document.settings());
        }
        Map<String, ProviderEntity> providers = byName(ProviderEntity.class, ProviderEntity::getName);
        document.providers().forEach(spec -> provider(spec, providers));
        Map<String, PromptPolicyEntity> policies = byName(PromptPolicyEntity.class, PromptPolicyEntity::getName);
        document.policies().forEach(spec -> policy(spec, policies));
        Map<String, RouteEntity> routes = byName(RouteEntity.class, RouteEntity::getName);
        document.routes().forEach(spec -> route(spec, routes, providers, policies));
        Map<String, UserEntity> users = byName(UserEntity.class, UserEntity::getUsername);
        Map<String, Map<String, ApiKeyEntity>> keys = keysByUser();
        document.users().forEach(spec -> user(spec, users, keys));
    }

    private void settings(SettingsSpec spec) {
        SettingsCodec.toRows(spec).forEach((key, value) -> {
            SettingEntity row = session.find(SettingEntity.class, key);
            if (row == null) {
                session.persist(new SettingEntity(key, value));
                changes.add("setting " + key + " set");
            } else if (!row.getValue().equals(value)) {
                row.setValue(value);
                changes.add("setting " + key + " updated");
            }
        });
    }

    private void provider(ProviderSpec spec, Map<String, ProviderEntity> providers) {
        ProviderEntity p = providers.get(spec.name());
        boolean created = p == null;
        if (created) {
            p = new ProviderEntity(spec.name(), now);
        }
        boolean changed = set(p.getOpenaiBaseUrl(), ConfigRules.normalizeBaseUrl(spec.openaiBaseUrl()), p::setOpenaiBaseUrl);
        changed |= set(p.getAnthropicBaseUrl(), ConfigRules.normalizeBaseUrl(spec.anthropicBaseUrl()), p::setAnthropicBaseUrl);
        changed |= set(p.getModels(), spec.models() == null ? List.of() : spec.models(), p::setModels);
        changed |= set(p.getConcurrency(), orDefault(spec.concurrency(), ConfigRules.DEFAULT_PROVIDER_CONCURRENCY), p::setConcurrency);
        changed |= set(p.getQueueSize(), orDefault(spec.queue(), ConfigRules.DEFAULT_PROVIDER_QUEUE), p::setQueueSize);
        changed |= set(p.getMaxOutputTokens(), spec.maxOutputTokens(), p::setMaxOutputTokens);
        changed |= set(p.getConnectTimeoutMs(), spec.connectTimeoutMs(), p::setConnectTimeoutMs);
        changed |= set(p.getFirstByteTimeoutMs(), spec.firstByteTimeoutMs(), p::setFirstByteTimeoutMs);
        changed |= set(p.getIdleTimeoutMs(), spec.idleTimeoutMs(), p::setIdleTimeoutMs);
        if (spec.apiKeys() != null && !spec.apiKeys().equals(decryptedKeys(p))) {
            replaceUpstreamKeys(p, spec.apiKeys(), created);
            changed = true;
        }
        if (created) {
            session.persist(p);
            providers.put(p.getName(), p);
        }
        recordChange("provider", p.getName(), created, changed, p::setUpdatedAt);
    }

    /** The provider's stored keys in clear, or null when one cannot be decrypted (then they are rewritten). */
    private List<String> decryptedKeys(ProviderEntity p) {
        List<UpstreamKeyEntity> sealed = new ArrayList<>(p.getUpstreamKeys());
        sealed.sort(Comparator.comparingInt(UpstreamKeyEntity::getPosition));
        List<String> keys = new ArrayList<>();
        for (UpstreamKeyEntity key : sealed) {
            try {
                keys.add(secrets.decrypt(key.getCiphertext()));
            } catch (SecretBoxException e) {
                return null;
            }
        }
        return keys;
    }

    private void replaceUpstreamKeys(ProviderEntity p, List<String> keys, boolean created) {
        if (!created && !p.getUpstreamKeys().isEmpty()) {
            p.getUpstreamKeys().clear();
            session.flush(); // delete the old rows before inserting positions that collide with them
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            p.getUpstreamKeys().add(new UpstreamKeyEntity(p, secrets.encrypt(key), hintOf(key), i));
        }
    }

    private static String hintOf(String key) {
        return key.length() < MIN_LENGTH_FOR_HINT ? "" : key.substring(key.length() - 4);
    }

    private void policy(PolicySpec spec, Map<String, PromptPolicyEntity> policies) {
        PromptPolicyEntity p = policies.get(spec.name());
        boolean created = p == null;
        if (created) {
            p = new PromptPolicyEntity(spec.name(), now);
        }
        boolean changed = set(p.getMode(), PolicyMode.parse(spec.mode()), p::setMode);
        changed |= set(p.getText(), spec.text(), p::setText);
        if (created) {
            session.persist(p);
            policies.put(p.getName(), p);
        }
        recordChange("policy", p.getName(), created, changed, p::setUpdatedAt);
    }

    private void route(RouteSpec spec, Map<String, RouteEntity> routes,
                       Map<String, ProviderEntity> providers, Map<String, PromptPolicyEntity> policies) {
        RouteEntity r = routes.get(spec.name());
        boolean created = r == null;
        if (created) {
            r = new RouteEntity(spec.name(), now);
        }
        boolean changed = set(r.getHost(), ConfigRules.normalizeHost(spec.host()), r::setHost);
        changed |= set(r.getPath(), spec.path(), r::setPath);
        changed |= set(r.getProtocol(), Protocol.parse(spec.protocol()), r::setProtocol);
        changed |= setReference(r.getProvider(), spec.provider(), providers, ProviderEntity::getName, r::setProvider);
        changed |= set(r.getModel(), spec.model(), r::setModel);
        changed |= setReference(r.getPolicy(), spec.policy(), policies, PromptPolicyEntity::getName, r::setPolicy);
        changed |= setReference(r.getFallbackProvider(), spec.fallbackProvider(), providers, ProviderEntity::getName,
                r::setFallbackProvider);
        changed |= set(r.getFallbackModel(), blankToNull(spec.fallbackModel()), r::setFallbackModel);
        if (created) {
            session.persist(r);
            routes.put(r.getName(), r);
        }
        recordChange("route", r.getName(), created, changed, r::setUpdatedAt);
    }

    private void user(UserSpec spec, Map<String, UserEntity> users, Map<String, Map<String, ApiKeyEntity>> keys) {
        UserEntity u = users.get(spec.username());
        boolean created = u == null;
        if (created) {
            u = new UserEntity(spec.username(), UserRole.USER, now);
        }
        boolean changed = spec.role() != null && set(u.getRole(), UserRole.parse(spec.role()), u::setRole);
        String newPasswordHash = newPasswordHashes.get(spec.username());
        if (newPasswordHash != null) {
            u.setPasswordHash(newPasswordHash);
            changed = true;
        }
        if (spec.enabled() != null) {
            changed |= set(u.isEnabled(), spec.enabled(), u::setEnabled);
        }
        if (created) {
            session.persist(u);
            users.put(u.getUsername(), u);
        }
        recordChange("user", u.getUsername(), created, changed, u::setUpdatedAt);
        Map<String, ApiKeyEntity> stored = keys.getOrDefault(u.getUsername(), Map.of());
        for (ApiKeySpec key : spec.apiKeys()) {
            apiKey(u, key, stored.get(key.name()));
        }
    }

    private void apiKey(UserEntity user, ApiKeySpec spec, ApiKeyEntity k) {
        String label = user.getUsername() + "/" + spec.name();
        boolean created = k == null;
        boolean changed = false;
        if (created) {
            String clear = spec.key();
            if (clear == null) {
                clear = KeyHasher.generateKey();
                generated.add(new GeneratedKey(user.getUsername(), spec.name(), clear));
            }
            k = new ApiKeyEntity(user, spec.name(), KeyHasher.prefixOf(clear), KeyHasher.sha256Hex(clear), now);
        } else if (spec.key() != null && !KeyHasher.sha256Hex(spec.key()).equals(k.getKeyHash())) {
            k.setKey(KeyHasher.prefixOf(spec.key()), KeyHasher.sha256Hex(spec.key()));
            changed = true;
        }
        changed |= set(k.getConcurrency(), orDefault(spec.concurrency(), 0), k::setConcurrency);
        if (spec.enabled() != null) {
            changed |= set(k.isEnabled(), spec.enabled(), k::setEnabled);
        }
        if (created) {
            session.persist(k);
        }
        recordChange("api key", label, created, changed, ignored -> { });
    }

    private Map<String, Map<String, ApiKeyEntity>> keysByUser() {
        return session.createSelectionQuery("select k from ApiKeyEntity k join fetch k.user", ApiKeyEntity.class)
                .getResultList().stream()
                .collect(Collectors.groupingBy(k -> k.getUser().getUsername(),
                        Collectors.toMap(ApiKeyEntity::getName, Function.identity())));
    }

    private <E> Map<String, E> byName(Class<E> type, Function<E, String> name) {
        Map<String, E> entities = new HashMap<>();
        session.createSelectionQuery("from " + type.getSimpleName(), type).getResultList()
                .forEach(e -> entities.put(name.apply(e), e));
        return entities;
    }

    private void recordChange(String kind, String name, boolean created, boolean changed, Consumer<Instant> touch) {
        if (created) {
            changes.add(kind + " " + name + " created");
        } else if (changed) {
            touch.accept(now);
            changes.add(kind + " " + name + " updated");
        }
    }

    /** Sets {@code wanted} when it differs from {@code current}; returns whether it did. */
    private static <T> boolean set(T current, T wanted, Consumer<T> setter) {
        if (Objects.equals(current, wanted)) {
            return false;
        }
        setter.accept(wanted);
        return true;
    }

    /** Like {@link #set}, for an association given by name; compares names, not (possibly proxied) instances. */
    private static <E> boolean setReference(E current, String wantedName, Map<String, E> byName,
                                            Function<E, String> name, Consumer<E> setter) {
        String currentName = current == null ? null : name.apply(current);
        if (Objects.equals(currentName, wantedName)) {
            return false;
        }
        setter.accept(wantedName == null ? null : byName.get(wantedName));
        return true;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
