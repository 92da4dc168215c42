package io.promptgate.config;

import io.promptgate.config.ConfigDocument.ApiKeySpec;
import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.config.ConfigDocument.SettingsSpec;
import io.promptgate.config.ConfigDocument.UserSpec;
import io.promptgate.config.ExistingConfig.RouteKey;
import io.promptgate.core.PolicyMode;
import io.promptgate.core.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the meaning of a parsed document against itself and what the database already holds,
 * before anything is written. Reports every problem at once, each with its path
 * ({@code routes[1].provider: unknown provider 'x'}); never echoes a key or password.
 */
public final class ConfigValidator {
    private final List<String> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    /** Throws a {@link ConfigException} listing every problem of {@code document}, if any. */
    public static void validate(ConfigDocument document, ExistingConfig existing) {
        ConfigValidator validator = new ConfigValidator();
        validator.check(document, existing);
        if (!validator.problems.isEmpty()) {
            throw new ConfigException(validator.problems);
        }
    }

    private void check(ConfigDocument document, ExistingConfig existing) {
        if (document.settings() != null) {
            settings(document.settings());
        }
        Set<String> providers = new HashSet<>(existing.providerNames());
        providers.addAll(names(document.providers(), "providers", ProviderSpec::name));
        Set<String> policies = new HashSet<>(existing.policyNames());
        policies.addAll(names(document.policies(), "policies", PolicySpec::name));
        for (int i = 0; i < document.providers().size(); i++) {
            provider("providers[" + i + "]", document.providers().get(i));
        }
        for (int i = 0; i < document.policies().size(); i++) {
            policy("policies[" + i + "]", document.policies().get(i));
        }
        names(document.routes(), "routes", RouteSpec::name);
        for (int i = 0; i < document.routes().size(); i++) {
            route("routes[" + i + "]", document.routes().get(i), providers, policies);
        }
        routeKeysUnique(document.routes(), existing.routesByName());
        names(document.users(), "users", UserSpec::username);
        for (int i = 0; i < document.users().size(); i++) {
            user("users[" + i + "]", document.users().get(i));
        }
        gatewayKeysUnique(document.users(), existing.keyOwners());
    }

    private void settings(SettingsSpec s) {
        atLeast("settings.globalConcurrency", s.globalConcurrency(), 1);
        atLeast("settings.globalQueue", s.globalQueue(), 0);
        atLeast("settings.recordRetentionDays", s.recordRetentionDays(), 0);
        if (s.recordRetentionDays() != null && s.recordRetentionDays() > 36_500) {
            add("settings.recordRetentionDays", "must be at most 36500 (0 keeps records forever)");
        }
        atLeast("settings.queueTimeoutMs", s.queueTimeoutMs(), 1);
        atLeast("settings.maxBodyBytes", s.maxBodyBytes(), 1);
        if (s.logLanguage() != null && !ConfigRules.LOG_LANGUAGES.contains(s.logLanguage())) {
            add("settings.logLanguage", "unknown language '" + s.logLanguage() + "' (expected en or zh-CN)");
        }
        if (s.fallbackStatuses() != null) {
            for (int i = 0; i < s.fallbackStatuses().size(); i++) {
                int status = s.fallbackStatuses().get(i);
                if (status < 400 || status > 599) {
                    add("settings.fallbackStatuses[" + i + "]", "must be an HTTP error status (400-599)");
                }
            }
        }
    }

    private void provider(String at, ProviderSpec p) {
        if (blank(p.openaiBaseUrl()) && blank(p.anthropicBaseUrl())) {
            add(at, "needs openaiBaseUrl or anthropicBaseUrl");
        }
        if (!blank(p.openaiBaseUrl())) {
            ConfigRules.baseUrlProblem(p.openaiBaseUrl()).ifPresent(m -> add(at + ".openaiBaseUrl", m));
        }
        if (!blank(p.anthropicBaseUrl())) {
            ConfigRules.baseUrlProblem(p.anthropicBaseUrl()).ifPresent(m -> add(at + ".anthropicBaseUrl", m));
        }
        if (p.apiKeys() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < p.apiKeys().size(); i++) {
                String key = p.apiKeys().get(i);
                if (blank(key) || !key.equals(key.strip()) || key.chars().anyMatch(Character::isISOControl)) {
                    add(at + ".apiKeys[" + i + "]", "must be a non-empty string without surrounding spaces");
                } else if (!seen.add(key)) {
                    add(at + ".apiKeys[" + i + "]", "duplicate upstream key");
                }
            }
        }
        if (p.models() != null) {
            for (int i = 0; i < p.models().size(); i++) {
                if (blank(p.models().get(i))) {
                    add(at + ".models[" + i + "]", "must not be empty");
                }
            }
        }
        atLeast(at + ".concurrency", p.concurrency(), 0);
        atLeast(at + ".queue", p.queue(), 0);
        atLeast(at + ".maxOutputTokens", p.maxOutputTokens(), 1);
        atLeast(at + ".connectTimeoutMs", p.connectTimeoutMs(), 1);
        atLeast(at + ".firstByteTimeoutMs", p.firstByteTimeoutMs(), 1);
        atLeast(at + ".idleTimeoutMs", p.idleTimeoutMs(), 1);
    }

    private void policy(String at, PolicySpec p) {
        if (p.mode() == null) {
            add(at + ".mode", "is required (prepend, append or replace)");
        } else {
            try {
                PolicyMode.parse(p.mode());
            } catch (IllegalArgumentException e) {
                add(at + ".mode", e.getMessage());
            }
        }
        if (blank(p.text())) {
            add(at + ".text", "is required");
        }
    }

    private void route(String at, RouteSpec r, Set<String> providers, Set<String> policies) {
        ConfigRules.hostProblem(r.host()).ifPresent(m -> add(at + ".host", m));
        ConfigRules.pathProblem(r.path()).ifPresent(m -> add(at + ".path", m));
        if (r.protocol() == null) {
            add(at + ".protocol", "is required (openai or anthropic)");
        } else {
            try {
                Protocol.parse(r.protocol());
            } catch (IllegalArgumentException e) {
                add(at + ".protocol", e.getMessage());
            }
        }
        reference(at + ".provider", r.provider(), "provider", providers, true);
        if (blank(r.model())) {
            add(at + ".model", "is required");
        }
        reference(at + ".policy", r.policy(), "policy", policies, false);
        reference(at + ".fallbackProvider", r.fallbackProvider(), "provider", providers, false);
        if (r.fallbackProvider() != null && r.fallbackProvider().equals(r.provider())) {
            add(at + ".fallbackProvider", "must differ from provider");
        }
        if (r.fallbackModel() != null && r.fallbackProvider() == null) {
            add(at + ".fallbackModel", "needs fallbackProvider");
        }
    }

    private void reference(String at, String name, String kind, Set<String> known, boolean required) {
        if (name == null) {
            if (required) {
                add(at, "is required");
            }
        } else if (!known.contains(name)) {
            add(at, "unknown " + kind + " '" + name + "'");
        }
    }

    /** (host, path, protocol) must stay unique over the stored routes the document leaves alone and its own. */
    private void routeKeysUnique(List<RouteSpec> routes, Map<String, RouteKey> stored) {
        Map<RouteKey, String> owners = new HashMap<>();
        Set<String> inDocument = new HashSet<>();
        routes.forEach(r -> inDocument.add(r.name()));
        stored.forEach((name, key) -> {
            if (!inDocument.contains(name)) {
                owners.put(key, "route '" + name + "'");
            }
        });
        for (int i = 0; i < routes.size(); i++) {
            RouteSpec r = routes.get(i);
            if (r.path() == null || r.protocol() == null) {
                continue;
            }
            RouteKey key = new RouteKey(ConfigRules.normalizeHost(r.host()), r.path(), r.protocol().trim().toLowerCase(Locale.ROOT));
            String owner = owners.putIfAbsent(key, "routes[" + i + "]");
            if (owner != null) {
                add("routes[" + i + "]", "same host, path and protocol as " + owner);
            }
        }
    }

    private void user(String at, UserSpec u) {
        ConfigRules.roleProblem(u.role()).ifPresent(m -> add(at + ".role", m));
        if (u.password() != null && u.password().isEmpty()) {
            add(at + ".password", "must not be empty");
        }
        names(u.apiKeys(), at + ".apiKeys", ApiKeySpec::name);
        for (int i = 0; i < u.apiKeys().size(); i++) {
            ApiKeySpec k = u.apiKeys().get(i);
            String keyAt = at + ".apiKeys[" + i + "]";
            if (k.key() != null) {
                GatewayKeyFormat.problem(k.key()).ifPresent(m -> add(keyAt + ".key", m));
            }
            atLeast(keyAt + ".concurrency", k.concurrency(), 0);
        }
    }

    /** A gateway key may belong to one (user, key name) only, in the document and in the database. */
    private void gatewayKeysUnique(List<UserSpec> users, ExistingConfig.KeyOwners storedOwners) {
        Map<String, String> ownersInDocument = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            UserSpec u = users.get(i);
            for (int j = 0; j < u.apiKeys().size(); j++) {
                ApiKeySpec k = u.apiKeys().get(j);
                if (k.key() == null || GatewayKeyFormat.problem(k.key()).isPresent()) {
                    continue;
                }
                String owner = u.username() + "/" + k.name();
                String previous = ownersInDocument.putIfAbsent(k.key(), owner);
                boolean takenInDocument = previous != null && !previous.equals(owner);
                boolean takenInDatabase = storedOwners.ownerOf(k.key()).filter(o -> !o.equals(owner)).isPresent();
                if (takenInDocument || takenInDatabase) {
                    add("users[" + i + "].apiKeys[" + j + "].key", "already used by another key");
                }
            }
        }
    }

    private <T> Set<String> names(List<T> items, String at, Function<T, String> name) {
        Set<String> seen = new HashSet<>();
        String field = at.equals("users") ? "username" : "name";
        for (int i = 0; i < items.size(); i++) {
            String value = name.apply(items.get(i));
            Optional<String> problem = ConfigRules.nameProblem(value);
            if (problem.isPresent()) {
                add(at + "[" + i + "]." + field, problem.get());
            } else if (!seen.add(value)) {
                add(at + "[" + i + "]." + field, "duplicate name '" + value + "'");
            }
        }
        return seen;
    }

    private void atLeast(String at, Number value, long min) {
        if (value != null && value.longValue() < min) {
            add(at, "must be at least " + min);
        }
    }

    private void add(String at, String message) {
        problems.add(at + ": " + message);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
