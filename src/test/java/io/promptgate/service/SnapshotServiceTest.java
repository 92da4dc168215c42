package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.ApiKey;
import io.promptgate.core.GatewaySettings;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.PolicyMode;
import io.promptgate.core.Protocol;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.security.KeyHasher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class SnapshotServiceTest {
    @Parameter
    TestEngine engine;

    @TempDir
    Path home;
    private StoreFixture store;
    private SnapshotService snapshots;

    @BeforeEach
    void open() {
        store = new StoreFixture(home, engine);
        snapshots = new SnapshotService(store.database.sessionFactory(), store.secrets);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anotherNodeOverTheSameDatabaseReloadsOnlyWhenTheStoredVersionMoved() throws Exception {
        SnapshotService otherNode = new SnapshotService(store.database.sessionFactory(), store.secrets);
        java.util.concurrent.atomic.AtomicInteger announced = new java.util.concurrent.atomic.AtomicInteger();
        snapshots.onLocalChange(announced::incrementAndGet);
        snapshots.reload();
        assertThat(otherNode.refreshIfChanged()).as("never loaded").isTrue();
        assertThat(otherNode.refreshIfChanged()).isFalse();

        store.configImport.applyText("providers: [{name: p, openaiBaseUrl: 'http://x/v1'}]", "tester");
        snapshots.reload(); // the change made through this node
        assertThat(announced).hasValue(2);
        assertThat(otherNode.current().providersByName()).doesNotContainKey("p");
        assertThat(otherNode.refreshIfChanged()).isTrue();
        assertThat(otherNode.current().providersByName()).containsKey("p");
        assertThat(otherNode.refreshIfChanged()).isFalse();
        assertThat(snapshots.refreshIfChanged()).as("its own change is already loaded").isFalse();
    }

    @Test
    void isEmptyUntilTheFirstReloadAndUsesDefaultSettings() {
        assertThat(snapshots.current().version()).isZero();
        GatewaySnapshot first = snapshots.reload();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.settings()).isEqualTo(GatewaySettings.DEFAULTS);
        assertThat(first.routes()).isEmpty();
    }

    @Test
    void buildsTheGatewayViewOfTheConfiguration() throws Exception {
        store.configImport.applyFile(store.resource("full-config.yaml"), "tester");

        GatewaySnapshot snapshot = snapshots.reload();

        assertThat(snapshot.settings()).isEqualTo(new GatewaySettings(32, 128, 20_000, 1_048_576, "zh-CN", Set.of(429, 503)));

        Provider qwen = snapshot.providersByName().get("qwen-provider");
        assertThat(qwen.openaiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9001/v1"));
        assertThat(qwen.anthropicBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9002"));
        assertThat(qwen.models()).containsExactly("qwen3.6-plus", "qwen3.6-max");
        assertThat(qwen.concurrency()).isEqualTo(8);
        assertThat(qwen.queue()).isEqualTo(32);
        assertThat(qwen.maxOutputTokens()).isEqualTo(4096);
        assertThat(qwen.firstByteTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(qwen.keys().size()).isEqualTo(2);
        assertThat(qwen.keys().next()).isEqualTo("sk-upstream-CANARY-0001"); // position order
        assertThat(qwen.keys().next()).isEqualTo("sk-upstream-CANARY-0002");
        assertThat(qwen.keys().toString()).doesNotContain("CANARY");

        Provider backup = snapshot.providersByName().get("backup-provider");
        assertThat(backup.anthropicBaseUrl()).isNull();
        assertThat(backup.maxOutputTokens()).isNull();
        assertThat(backup.connectTimeout()).isEqualTo(Provider.DEFAULT_CONNECT_TIMEOUT);
        assertThat(backup.concurrency()).isZero();
        assertThat(backup.queue()).isEqualTo(32);

        assertThat(snapshot.routes()).hasSize(2);
        Route claude = snapshot.routes().get(0);
        assertThat(claude.name()).isEqualTo("ClaudeCode");
        assertThat(claude.host()).isEqualTo("code.example.com");
        assertThat(claude.protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(claude.provider()).isEqualTo("qwen-provider");
        assertThat(claude.policy()).isEqualTo("org-policy");
        assertThat(claude.fallbackProvider()).isEqualTo("backup-provider");
        assertThat(claude.effectiveFallbackModel()).isEqualTo("backup-model");
        Route chat = snapshot.routes().get(1);
        assertThat(chat.host()).isEqualTo(Route.ANY_HOST);
        assertThat(chat.policy()).isNull();
        assertThat(chat.effectiveFallbackModel()).isEqualTo("gpt-x");

        assertThat(snapshot.policiesByName().get("org-policy").mode()).isEqualTo(PolicyMode.PREPEND);

        assertThat(snapshot.apiKeys()).extracting(ApiKey::name).containsExactly("laptop", "ci", "script");
        ApiKey laptop = snapshot.apiKeys().get(0);
        assertThat(laptop.username()).isEqualTo("alice");
        assertThat(laptop.prefix()).isEqualTo("pg_alic");
        assertThat(laptop.sha256()).isEqualTo(KeyHasher.sha256("pg_aliceLaptopKey0123456789abcdefghij"));
        assertThat(laptop.concurrency()).isEqualTo(2);
        assertThat(laptop.enabled()).isTrue();
        assertThat(snapshot.apiKeys().get(2).enabled()).as("key of a disabled user").isFalse();
    }

    @Test
    void aDisabledKeyIsDisabledInTheSnapshot() throws Exception {
        store.configImport.applyText("users: [{username: bob, apiKeys: [{name: k, enabled: false,"
                + " key: pg_bobKey_0123456789abcdefghijklmnop}]}]", "tester");
        assertThat(snapshots.reload().apiKeys().get(0).enabled()).isFalse();
    }

    @Test
    void reloadSwapsInANewVersionAndCurrentNeedsNoDatabase() throws Exception {
        snapshots.reload();
        store.configImport.applyText("providers: [{name: p, openaiBaseUrl: 'http://x/v1'}]", "tester");
        GatewaySnapshot second = snapshots.reload();

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.providersByName()).containsOnlyKeys("p");

        store.close(); // no database any more
        assertThat(snapshots.current()).isSameAs(second);
        store = new StoreFixture(home, engine); // for @AfterEach
    }

    @Test
    void leavesOutAnUpstreamKeyThatCannotBeDecrypted() throws Exception {
        store.configImport.applyText("providers: [{name: p, openaiBaseUrl: 'http://x/v1', apiKeys: [sk-good-0001, sk-bad-0002]}]", "t");
        store.execute("UPDATE upstream_keys SET ciphertext = 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE position = 1");

        try (LogCapture logs = new LogCapture()) {
            Provider p = snapshots.reload().providersByName().get("p");
            assertThat(p.keys().size()).isEqualTo(1);
            assertThat(p.keys().next()).isEqualTo("sk-good-0001");
            assertThat(logs.text()).contains("cannot be decrypted").contains("0002").doesNotContain("sk-bad");
        }
    }
}
