package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.config.ConfigDocument.PolicySpec;
import io.promptgate.config.ConfigDocument.ProviderSpec;
import io.promptgate.config.ConfigDocument.RouteSpec;
import io.promptgate.core.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class ConfigServicesTest {
    @Parameter
    TestEngine engine;

    static final String CANARY = "sk-canary-upstream-0123456789";
    static final Caller ADMIN = ServicesFixture.ADMIN;

    @TempDir
    Path home;
    ServicesFixture f;

    @BeforeEach
    void open() {
        f = new ServicesFixture(home, engine);
    }

    @AfterEach
    void close() {
        f.close();
    }

    static ProviderSpec provider(String name, String openai, String anthropic, List<String> keys) {
        return new ProviderSpec(name, openai, anthropic, keys, List.of("m"), null, null, null, null, null, null);
    }

    static RouteSpec route(String name, String path, String protocol, String provider) {
        return new RouteSpec(name, null, path, protocol, provider, "model-x", null, null, null);
    }

    @Test
    void providersKeepKeysWriteOnlyAndArePublished() {
        ProviderService.ProviderView created = f.services.providers().create(ADMIN,
                provider("p1", "https://api.example.com/v1/", null, List.of(CANARY)));
        assertThat(created.openaiBaseUrl()).isEqualTo("https://api.example.com/v1");
        assertThat(created.apiKeyHints()).containsExactly("6789");
        assertThat(created.toString()).doesNotContain(CANARY);
        Provider published = f.snapshots.current().providersByName().get("p1");
        assertThat(published.keys().toString()).doesNotContain(CANARY);

        f.services.providers().replace(ADMIN, "p1", provider(null, "https://api.example.com/v1", null, null));
        assertThat(f.services.providers().get("p1").apiKeyCount()).isEqualTo(1);
        assertThatThrownBy(() -> f.services.providers().create(ADMIN, provider("p1", "https://x.example/v1", null, null)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.services.providers().replace(ADMIN, "p1", provider("p2", "https://x.example/v1", null, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> f.services.providers().replace(ADMIN, "nope", provider(null, "https://x.example/v1", null, null)))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void baseUrlsAreCheckedAgainstThePolicyAndTheSetting() {
        assertThatThrownBy(() -> f.services.providers().create(ADMIN, provider("meta", "http://169.254.169.254/v1", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("openaiBaseUrl: is a link-local"));
        assertThatThrownBy(() -> f.services.providers().create(ADMIN, provider("lan", "http://llm.internal.test/v1", null, null)))
                .isInstanceOf(InvalidInputException.class);
        f.services.settings().update(ADMIN, Map.of("allowPrivateUpstreams", true));
        assertThat(f.services.providers().create(ADMIN, provider("lan", "http://llm.internal.test/v1", null, null)).name())
                .isEqualTo("lan");
        assertThatThrownBy(() -> f.services.providers().create(ADMIN, provider("none", null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).containsExactly("needs openaiBaseUrl or anthropicBaseUrl"));
    }

    @Test
    void routesAreValidatedAgainstProvidersTheMatrixAndEachOther() throws Exception {
        f.services.providers().create(ADMIN, provider("openai-only", "https://a.example/v1", null, List.of("sk-1")));
        f.services.providers().create(ADMIN, provider("both", "https://b.example/v1", "https://b.example", List.of("sk-2")));

        assertThatThrownBy(() -> f.services.routes().create(ADMIN, route("r", "/v1/x", "openai", "missing")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).containsExactly("provider: unknown provider 'missing'"));
        assertThat(f.store.count("routes")).isZero();
        f.services.routes().create(ADMIN, route("adapted", "/a/v1/messages", "anthropic", "openai-only"));
        assertThat(f.services.routes().preview("adapted").primary()).satisfies(t -> {
            assertThat(t.mode()).isEqualTo("adapter");
            assertThat(t.exit()).isEqualTo("openai");
        });

        f.services.routes().create(ADMIN, route("r", "/v1/messages", "anthropic", "both"));
        assertThat(f.snapshots.current().routes()).extracting(io.promptgate.core.Route::name).containsExactlyInAnyOrder("adapted", "r");
        assertThatThrownBy(() -> f.services.routes().create(ADMIN, route("r2", "/v1/messages", "anthropic", "both")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).containsExactly("same host, path and protocol as route 'r'"));
        RouteService.RoutePreview preview = f.services.routes().preview("r");
        assertThat(preview.primary().mode()).isEqualTo("direct");
        assertThat(preview.primary().exit()).isEqualTo("anthropic");
        assertThat(preview.match().hostMatch()).isEqualTo("any");

        // dropping the exit a route uses directly leaves it to the adapter
        f.services.providers().replace(ADMIN, "both", provider(null, "https://b.example/v1", null, null));
        assertThat(f.services.routes().preview("r").primary().mode()).isEqualTo("adapter");
        assertThatThrownBy(() -> f.services.providers().delete(ADMIN, "both"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("in_use"));

        f.services.routes().delete(ADMIN, "r");
        assertThat(f.snapshots.current().routes()).extracting(io.promptgate.core.Route::name).containsExactly("adapted");
        f.services.providers().delete(ADMIN, "both");
        assertThat(f.snapshots.current().providersByName()).doesNotContainKey("both");
    }

    @Test
    void theMatrixServesEveryPairThroughAnExitOrAnAdapterAndNothingWithoutExits() {
        io.promptgate.core.Protocol openai = io.promptgate.core.Protocol.OPENAI;
        io.promptgate.core.Protocol anthropic = io.promptgate.core.Protocol.ANTHROPIC;
        assertThat(ProtocolMatrix.mode(openai, true, false)).contains(ProtocolMatrix.Mode.DIRECT);
        assertThat(ProtocolMatrix.mode(anthropic, true, true)).contains(ProtocolMatrix.Mode.DIRECT);
        assertThat(ProtocolMatrix.mode(anthropic, true, false)).contains(ProtocolMatrix.Mode.ADAPTER);
        assertThat(ProtocolMatrix.mode(openai, false, true)).contains(ProtocolMatrix.Mode.ADAPTER);
        assertThat(ProtocolMatrix.mode(openai, false, false)).isEmpty();
        assertThat(ProtocolMatrix.exit(anthropic, ProtocolMatrix.Mode.ADAPTER)).isEqualTo(openai);
    }

    @Test
    void policiesComposeTheSystemPromptLikeTheGateway() {
        f.services.policies().create(ADMIN, new PolicySpec("p", "prepend", "Policy."));
        assertThat(f.services.policies().preview("p", "Mine.").system()).isEqualTo("Policy.\n\nMine.");
        assertThat(f.services.policies().preview("p", null).system()).isEqualTo("Policy.");
        f.services.policies().replace(ADMIN, "p", new PolicySpec(null, "replace", "Only."));
        assertThat(f.services.policies().preview("p", "Mine.").system()).isEqualTo("Only.");
        assertThat(f.snapshots.current().policiesByName().get("p").text()).isEqualTo("Only.");
        assertThatThrownBy(() -> f.services.policies().create(ADMIN, new PolicySpec("q", "sideways", "x")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void settingsAreValidatedTogetherAndPublished() {
        assertThatThrownBy(() -> f.services.settings().update(ADMIN, Map.of("globalConcurrency", 0, "weekStart", "someday",
                "x", 1, "allowPrivateUpstreams", "yes")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(4));
        Map<String, Object> after = f.services.settings().update(ADMIN, Map.of("globalConcurrency", 7,
                "fallbackStatuses", List.of(503), "timeZone", "Europe/Berlin", "dayStartHour", 6));
        assertThat(after).containsEntry("globalConcurrency", 7).containsEntry("timeZone", "Europe/Berlin");
        assertThat(f.snapshots.current().settings().globalConcurrency()).isEqualTo(7);
        assertThat(f.snapshots.current().settings().fallbackStatuses()).containsExactly(503);
        assertThat(f.services.settings().admin().dayStartHour()).isEqualTo(6);
    }

    @Test
    void exportHoldsNoSecretAndImportingItChangesNothing() throws Exception {
        f.services.providers().create(ADMIN, provider("p", "https://a.example/v1", "https://a.example", List.of(CANARY)));
        f.services.routes().create(ADMIN, route("r", "/v1/chat/completions", "openai", "p"));
        Caller alice = f.createUser("alice", "user");
        f.services.keys().create(alice, new KeyService.NewKey("k", 2, null));
        Map<String, List<List<Object>>> before = f.store.dump();

        String yaml = f.services.config().export(ADMIN, true);
        assertThat(yaml).contains("name: p").contains("- name: k").doesNotContain(CANARY).doesNotContain("$shiro2$")
                .doesNotContain("sk-").doesNotContain("password");
        ConfigTransfer.Imported imported = f.services.config().importDocument(ADMIN, yaml);
        assertThat(imported.changes()).isEmpty();
        assertThat(f.store.dump()).isEqualTo(before);
        assertThat(f.services.config().importDocument(ADMIN, f.services.config().export(ADMIN, false)).changes()).isEmpty();

        ConfigTransfer.Imported withKey = f.services.config().importDocument(ADMIN,
                "users:\n  - username: bob\n    apiKeys:\n      - name: ci\n");
        assertThat(withKey.generatedKeys()).singleElement().satisfies(k -> assertThat(k.key()).startsWith("pg_"));
        assertThat(home.resolve(GeneratedKeysFile.FILE_NAME)).doesNotExist();
        assertThatThrownBy(() -> f.services.config().importDocument(ADMIN,
                "providers:\n  - name: m\n    openaiBaseUrl: http://169.254.169.254/v1\n"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("providers[0].openaiBaseUrl"));
    }

    @Test
    void recordRetentionTravelsWithTheDocument() {
        assertThat(f.services.config().export(ADMIN, false)).doesNotContain("recordRetentionDays");
        f.services.settings().update(ADMIN, Map.of("recordRetentionDays", 90));
        String json = f.services.config().export(ADMIN, false);
        assertThat(json).contains("\"recordRetentionDays\" : 90");

        ConfigTransfer.Imported changed = f.services.config().importDocument(ADMIN, "settings:\n  recordRetentionDays: 30\n");
        assertThat(changed.changes()).containsExactly("setting recordRetentionDays updated");
        assertThat(f.services.settings().admin().recordRetentionDays()).isEqualTo(30);
        assertThatThrownBy(() -> f.services.config().importDocument(ADMIN, "settings:\n  recordRetentionDays: -1\n"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("settings.recordRetentionDays"));
        assertThatThrownBy(() -> f.services.settings().update(ADMIN, Map.of("recordRetentionDays", 40_000)))
                .isInstanceOf(InvalidInputException.class);
    }
}
