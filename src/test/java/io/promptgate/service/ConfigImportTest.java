package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promptgate.config.ConfigException;
import io.promptgate.core.RequestRecord;
import io.promptgate.security.KeyHasher;
import io.promptgate.store.RequestRecordStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class ConfigImportTest {
    @Parameter
    TestEngine engine;

    private static final String ALICE_KEY = "pg_aliceLaptopKey0123456789abcdefghij";
    private static final Pattern GENERATED_LINE = Pattern.compile("([\\w.@-]+)/([\\w.@-]+): (pg_[0-9A-Za-z]{40})");

    @TempDir
    Path home;
    private StoreFixture store;

    @BeforeEach
    void open() {
        store = new StoreFixture(home, engine);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void appliesTheFullYamlDocument() throws Exception {
        ImportResult result = store.configImport.applyFile(store.resource("full-config.yaml"), "tester");

        assertThat(result.changes()).contains("provider qwen-provider created", "route ClaudeCode created",
                "user alice created", "api key alice/laptop created", "setting globalConcurrency set");
        assertThat(result.generatedKeys()).isEqualTo(2);
        assertFullConfigStored();
        assertThat(store.value("SELECT actor || ' ' || action || ' ' || target FROM audit_events"))
                .isEqualTo("tester config.import file full-config.yaml");
    }

    @Test
    void appliesTheFullJsonDocument() throws Exception {
        store.configImport.applyFile(store.resource("full-config.json"), "tester");

        assertFullConfigStored();
    }

    @Test
    void yamlAndJsonFormsOfOneConfigAreTheSameDocument() throws Exception {
        store.configImport.applyFile(store.resource("full-config.json"), "tester");
        var before = store.dump();

        ImportResult again = store.configImport.applyFile(store.resource("full-config.yaml"), "tester");

        assertThat(again.changed()).isFalse();
        assertThat(store.dump()).isEqualTo(before);
    }

    @Test
    void applyingTheSameFileTwiceChangesAndDuplicatesNothing() throws Exception {
        Path file = store.resource("full-config.yaml");
        store.configImport.applyFile(file, "tester");
        var before = store.dump();
        String keysFile = Files.readString(home.resolve("generated-keys.txt"));

        ImportResult second = store.configImport.applyFile(file, "tester");

        assertThat(second.changed()).isFalse();
        assertThat(second.generatedKeys()).isZero();
        assertThat(store.dump()).isEqualTo(before); // same rows, same ciphertexts, same password hashes, no new audit event
        assertThat(Files.readString(home.resolve("generated-keys.txt"))).isEqualTo(keysFile);
    }

    @Test
    void storesGatewayKeysOnlyAsPrefixAndHashAndWritesGeneratedOnesToAnOwnerOnlyFile() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            store.configImport.applyFile(store.resource("full-config.yaml"), "tester");

            Path keysFile = home.resolve("generated-keys.txt");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysFile))).isEqualTo("rw-------");
            List<String> lines = Files.readAllLines(keysFile);
            assertThat(lines).hasSize(2);
            for (String line : lines) {
                Matcher m = GENERATED_LINE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                String key = m.group(3);
                assertThat(store.value("SELECT k.prefix || ' ' || k.key_hash FROM api_keys k JOIN users u ON u.id = k.user_id"
                        + " WHERE u.username = '" + m.group(1) + "' AND k.name = '" + m.group(2) + "'"))
                        .isEqualTo(KeyHasher.prefixOf(key) + " " + KeyHasher.sha256Hex(key));
                assertThat(logs.text()).doesNotContain(key);
            }
            assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("alice/ci", "ops/script");
            assertThat(logs.text()).contains("generated-keys.txt");
            assertThat(logs.text()).doesNotContain(ALICE_KEY, "sk-upstream-CANARY", "alice-password-1");
        }
        assertThat(store.value("SELECT prefix || ' ' || key_hash FROM api_keys WHERE name = 'laptop'"))
                .isEqualTo("pg_alic " + KeyHasher.sha256Hex(ALICE_KEY));
    }

    @Test
    void upstreamKeysNeverReachTheDatabaseFileInClear() throws Exception {
        assumeTrue(engine == TestEngine.SQLITE, "reads the SQLite file's bytes");
        store.configImport.applyFile(store.resource("full-config.yaml"), "tester");

        assertThat(databaseFileBytes()).contains("v1:", "qwen-provider"); // the bytes read are the stored rows
        assertThat(databaseFileBytes()).doesNotContain("sk-upstream-CANARY", "sk-backup-key", ALICE_KEY, "alice-password-1");
        store.close(); // checkpoints the WAL into the main file
        assertThat(databaseFileBytes()).contains("v1:");
        assertThat(databaseFileBytes()).doesNotContain("sk-upstream-CANARY", "sk-backup-key", ALICE_KEY, "alice-password-1");
        store = new StoreFixture(home, engine); // for @AfterEach
    }

    @Test
    void reSealsUpstreamKeysOnlyWhenTheSetChangesAndKeepsThemWhenAbsent() throws Exception {
        String v1 = provider("apiKeys: [sk-a-000001, sk-b-000002]");
        store.configImport.applyText(v1, "tester");
        Object sealed = store.value("SELECT group_concat(ciphertext) FROM upstream_keys");

        store.configImport.applyText(provider("apiKeys: [sk-a-000001, sk-b-000002]"), "tester");
        assertThat(store.value("SELECT group_concat(ciphertext) FROM upstream_keys")).isEqualTo(sealed);

        store.configImport.applyText(provider("models: [m]"), "tester"); // no apiKeys: keys kept
        assertThat(store.value("SELECT group_concat(ciphertext) FROM upstream_keys")).isEqualTo(sealed);

        ImportResult reordered = store.configImport.applyText(provider("apiKeys: [sk-b-000002, sk-a-000001, sk-c-000003]"), "t");
        assertThat(reordered.changes()).containsExactly("provider p updated");
        assertThat(store.value("SELECT group_concat(hint, ',') FROM (SELECT hint FROM upstream_keys ORDER BY position) AS t"))
                .isEqualTo("0002,0001,0003");

        store.configImport.applyText(provider("apiKeys: []"), "tester");
        assertThat(store.count("upstream_keys")).isZero();
    }

    @Test
    void rotatesAGivenKeyAndRehashesAChangedPassword() throws Exception {
        String key2 = "pg_secondKey_0123456789abcdefghijklmn";
        store.configImport.applyText(user("pw-one", ALICE_KEY), "tester");
        Object hash = store.value("SELECT password_hash FROM users");

        store.configImport.applyText(user("pw-one", ALICE_KEY), "tester");
        assertThat(store.value("SELECT password_hash FROM users")).isEqualTo(hash);

        ImportResult changed = store.configImport.applyText(user("pw-two", key2), "tester");
        assertThat(changed.changes()).containsExactly("user alice updated", "api key alice/laptop updated");
        assertThat(store.passwords.verify("pw-two", (String) store.value("SELECT password_hash FROM users"))).isTrue();
        assertThat(store.value("SELECT key_hash FROM api_keys")).isEqualTo(KeyHasher.sha256Hex(key2));
        assertThat(store.count("api_keys")).isEqualTo(1);
    }

    @Test
    void routesMayReferToProvidersAndPoliciesStoredEarlier() throws Exception {
        store.configImport.applyText(provider("models: [m]") + "policies: [{name: pol, mode: append, text: t}]\n", "tester");

        store.configImport.applyText("routes: [{name: r, path: /v1/chat/completions, protocol: openai, provider: p,"
                + " model: m, policy: pol}]", "tester");

        assertThat(store.value("SELECT host || ' ' || protocol FROM routes")).isEqualTo("* openai");
    }

    @Test
    void namesAnUnknownProvider() {
        assertRejected("""
                providers: [{name: p, openaiBaseUrl: "http://x/v1"}]
                routes:
                  - {name: r0, path: /a, protocol: openai, provider: p, model: m}
                  - {name: r1, path: /b, protocol: openai, provider: x, model: m}
                """, "routes[1].provider: unknown provider 'x'");
    }

    @Test
    void requiresAnExit() {
        assertRejected("providers: [{name: p, models: [m]}]", "providers[0]: needs openaiBaseUrl or anthropicBaseUrl");
    }

    @Test
    void requiresHttpUrls() {
        assertRejected("providers: [{name: p, openaiBaseUrl: 'ftp://x/v1'}]",
                "providers[0].openaiBaseUrl: must be an http or https URL");
        assertRejected("providers: [{name: p, anthropicBaseUrl: 'not a url'}]",
                "providers[0].anthropicBaseUrl: must be an http or https URL");
    }

    @Test
    void namesAnUnknownProtocol() {
        assertRejected("""
                providers: [{name: p, openaiBaseUrl: "http://x/v1"}]
                routes: [{name: r, path: /a, protocol: foo, provider: p, model: m}]
                """, "routes[0].protocol: unknown protocol 'foo'");
    }

    @Test
    void reportsYamlSyntaxErrorsWithLineNumbers() {
        assertRejected("providers:\n  - name: p\n    openaiBaseUrl: [http://x\n  - name: q\n", "YAML syntax error at line 4");
    }

    @Test
    void rejectsUnknownTopLevelFields() {
        assertRejected("providers: []\nprovders: []\n", "provders: unknown top-level field");
    }

    @Test
    void validatesGatewayKeysGivenInTheFile() {
        assertRejected("users: [{username: u, apiKeys: [{name: k, key: 'sk_0123456789abcdefghijklmnopqrstuvwxyz'}]}]",
                "users[0].apiKeys[0].key: must start with pg_");
        assertRejected("users: [{username: u, apiKeys: [{name: k, key: pg_short}]}]",
                "users[0].apiKeys[0].key: must be at least 32 characters long");
        assertRejected("users: [{username: u, apiKeys: [{name: a, key: " + ALICE_KEY + "}, {name: b, key: " + ALICE_KEY + "}]}]",
                "users[0].apiKeys[1].key: already used by another key");
    }

    @Test
    void reportsEveryProblemAndWritesNothing() throws Exception {
        var empty = store.dump();
        assertThatThrownBy(() -> store.configImport.applyText("""
                settings: {globalConcurrency: 0, logLanguage: fr}
                providers:
                  - {name: good, openaiBaseUrl: "http://x/v1", apiKeys: [sk-CANARY-in-bad-doc]}
                  - {name: good, anthropicBaseUrl: "http://y"}
                policies: [{name: pol, mode: sideways, text: t}]
                routes:
                  - {name: r, host: "bad host", path: nope, protocol: openai, provider: good, model: m,
                     policy: nope, fallbackModel: fm}
                users: [{username: u, role: root, password: ""}]
                """, "tester"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "settings.globalConcurrency: must be at least 1",
                        "settings.logLanguage: unknown language 'fr' (expected en or zh-CN)",
                        "providers[1].name: duplicate name 'good'",
                        "policies[0].mode: unknown policy mode 'sideways' (expected prepend, append or replace)",
                        "routes[0].host: must be '*', a host name (optionally with a port) or '*.suffix'",
                        "routes[0].path: must start with '/', contain no whitespace, '?' or '#', and use '*' only as a final '/*'",
                        "routes[0].policy: unknown policy 'nope'",
                        "routes[0].fallbackModel: needs fallbackProvider",
                        "users[0].role: unknown role 'root' (expected user or admin)",
                        "users[0].password: must not be empty"))
                .hasMessageNotContaining("CANARY");
        assertThat(store.dump()).isEqualTo(empty);
        assertThat(home.resolve("generated-keys.txt")).doesNotExist();
    }

    @Test
    void rejectsARouteThatCollidesWithAStoredOne() throws Exception {
        store.configImport.applyText(provider("models: [m]")
                + "routes: [{name: first, path: /v1/messages, protocol: anthropic, provider: p, model: m}]\n", "tester");

        assertRejected("routes: [{name: second, host: '*', path: /v1/messages, protocol: anthropic, provider: p, model: m}]",
                "routes[0]: same host, path and protocol as route 'first'");
    }

    @Test
    void appliesWhileRequestRecordsAreBeingWritten() throws Exception {
        RequestRecordStore records = new RequestRecordStore(store.database.dataSource());
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int batches = 0;
            while (!stop.get()) {
                List<RequestRecord> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    batch.add(new RequestRecord("r" + batches + "_" + i, Instant.now(), null, null, null, "h", "/p",
                            null, null, null, 200, 1, 1, 1, null, 0, false, false, null, null));
                }
                try {
                    records.insertBatch(batch);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                batches++;
            }
            return batches;
        });
        try {
            Thread.sleep(50);
            store.configImport.applyFile(store.resource("full-config.yaml"), "tester"); // reads, hashes, then writes
            store.configImport.applyText(user("another-password", ALICE_KEY), "tester");
        } finally {
            stop.set(true);
        }
        assertThat(writer.get(30, TimeUnit.SECONDS)).isPositive();
        assertThat(store.count("users")).isEqualTo(2);
    }

    @Test
    void theFileErrorNamesTheFile() throws Exception {
        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, "routes: [{name: r}]\n");
        assertThatThrownBy(() -> store.configImport.applyFile(bad, "tester"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file " + bad)
                .hasMessageContaining("routes[0].path: is required");
    }

    private void assertFullConfigStored() throws Exception {
        assertThat(store.count("providers")).isEqualTo(2);
        assertThat(store.value("SELECT openai_base_url || ' ' || anthropic_base_url || ' ' || models || ' ' || concurrency"
                + " || ' ' || queue_size || ' ' || max_output_tokens FROM providers WHERE name = 'qwen-provider'"))
                .isEqualTo("http://127.0.0.1:9001/v1 http://127.0.0.1:9002 [\"qwen3.6-plus\",\"qwen3.6-max\"] 8 32 4096");
        assertThat(store.value("SELECT group_concat(hint, ',') FROM (SELECT u.hint FROM upstream_keys u"
                + " JOIN providers p ON p.id = u.provider_id WHERE p.name = 'qwen-provider' ORDER BY u.position) AS t"))
                .isEqualTo("0001,0002");
        assertThat(store.value("SELECT host || ' ' || path || ' ' || protocol || ' ' || model || ' ' || fallback_model"
                + " FROM routes WHERE name = 'ClaudeCode'"))
                .isEqualTo("code.example.com /v1/messages anthropic qwen3.6-plus backup-model");
        assertThat(store.count("routes WHERE policy_id IS NOT NULL AND fallback_provider_id IS NOT NULL")).isEqualTo(1);
        assertThat(store.value("SELECT mode || ' ' || text FROM prompt_policies"))
                .isEqualTo("prepend You are a helpful assistant of Example Corp.");
        assertThat(store.value("SELECT group_concat(username || ':' || role || ':' || CASE WHEN enabled THEN 1 ELSE 0 END, ',')"
                + " FROM (SELECT * FROM users ORDER BY id) AS t"))
                .isEqualTo("alice:user:1,ops:admin:0");
        assertThat(store.value("SELECT password_hash FROM users WHERE username = 'ops'")).isNull();
        assertThat(store.passwords.verify("alice-password-1",
                (String) store.value("SELECT password_hash FROM users WHERE username = 'alice'"))).isTrue();
        assertThat(store.count("api_keys")).isEqualTo(3);
        assertThat(store.value("SELECT concurrency FROM api_keys WHERE name = 'laptop'")).isEqualTo(2);
        assertThat(store.value("SELECT group_concat(key || '=' || value, ';') FROM (SELECT * FROM settings ORDER BY key) AS t"))
                .isEqualTo("fallbackStatuses=429,503;globalConcurrency=32;globalQueue=128;logLanguage=zh-CN;"
                        + "maxBodyBytes=1048576;queueTimeoutMs=20000");
        assertThat(store.count("audit_events")).isEqualTo(1);
        assertThat((String) store.value("SELECT detail FROM audit_events"))
                .doesNotContain("sk-upstream", ALICE_KEY, "alice-password-1", "pg_");
    }

    private void assertRejected(String document, String message) {
        try {
            var before = store.dump();
            assertThatThrownBy(() -> store.configImport.applyText(document, "tester"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(message);
            assertThat(store.dump()).isEqualTo(before);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String provider(String extra) {
        return "providers:\n  - name: p\n    openaiBaseUrl: http://x/v1\n    " + extra + "\n";
    }

    private static String user(String password, String key) {
        return "users: [{username: alice, password: '" + password + "', apiKeys: [{name: laptop, key: " + key + "}]}]";
    }

    private String databaseFileBytes() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(home)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("promptgate.db")).toList()) {
                all.write(Files.readAllBytes(f));
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
