package io.promptgate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.RequestRecord;
import io.promptgate.store.RequestRecordStore;
import io.promptgate.testing.FreshPostgres;
import io.promptgate.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/tools/sqlite-to-postgresql.sh moves a whole installation: every row, ids, secrets as stored. */
class SqliteToPostgresqlScriptTest {
    static final Path SCRIPT = Path.of("docs/tools/sqlite-to-postgresql.sh").toAbsolutePath();

    @TempDir
    Path sqliteHome;
    @TempDir
    Path postgresHome;

    @Test
    void copiesEveryRowAndTheTargetKeepsWorking() throws Exception {
        assumeTrue(onPath("sqlite3") && onPath("psql"), "needs the sqlite3 and psql tools");
        try (StoreFixture sqlite = new StoreFixture(sqliteHome, TestEngine.SQLITE);
             StoreFixture postgres = new StoreFixture(postgresHome, TestEngine.POSTGRESQL)) {
            sqlite.configImport.applyFile(sqlite.resource("full-config.yaml"), "tester");
            sqlite.execute("UPDATE users SET enabled = FALSE WHERE username = 'alice'");
            List<RequestRecord> records = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                records.add(new RequestRecord("req_" + i, Instant.ofEpochMilli(1_780_000_000_000L + i), 1L, "alice", "pg_alic",
                        "h", "/v1/chat/completions", "ClaudeCode", "qwen-provider", "m", i % 7 == 0 ? 502 : 200, i, 2 * i, 40,
                        i % 2 == 0 ? null : 5L, 0, i % 3 == 0, false, i % 7 == 0 ? "upstream_unreachable" : null, i % 5 == 0 ? "" : "127.0.0.1"));
            }
            new RequestRecordStore(sqlite.database.dataSource()).insertBatch(records);
            postgres.execute("INSERT INTO users (username, role, enabled, created_at, updated_at) VALUES ('admin', 'admin', TRUE, 0, 0)");

            Process run = new ProcessBuilder(SCRIPT.toString(), sqliteHome.resolve("promptgate.db").toString(),
                    "host=" + FreshPostgres.HOST + " port=" + FreshPostgres.PORT + " dbname=" + postgres.postgresName()
                            + " user=" + FreshPostgres.USER)
                    .redirectErrorStream(true).start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.exitValue()).as(output).isZero();
            assertThat(output).contains("request_records: 250 rows");

            assertThat(normalised(postgres.dump())).isEqualTo(normalised(sqlite.dump()));
            // the copied state reads back through the services, with the same master key
            GatewaySnapshot copied = new SnapshotService(postgres.database.sessionFactory(), sqlite.secrets).reload();
            GatewaySnapshot original = new SnapshotService(sqlite.database.sessionFactory(), sqlite.secrets).reload();
            assertThat(copied.providersByName().keySet()).isEqualTo(original.providersByName().keySet());
            assertThat(copied.providersByName().get("qwen-provider").keys().next())
                    .isEqualTo(original.providersByName().get("qwen-provider").keys().next());
            assertThat(copied.apiKeys()).usingRecursiveFieldByFieldElementComparator().isEqualTo(original.apiKeys());
            // and new rows get fresh ids
            postgres.execute("INSERT INTO users (username, role, enabled, created_at, updated_at) VALUES ('new', 'user', TRUE, 0, 0)");
            assertThat(postgres.count("users")).isEqualTo(sqlite.count("users") + 1);
        }
    }

    /** Booleans as 0/1 and every row as text, sorted: the two engines' JDBC types and collations differ. */
    private static Map<String, List<String>> normalised(Map<String, List<List<Object>>> dump) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        dump.forEach((table, rows) -> out.put(table, rows.stream()
                .map(row -> row.toString().replace("=true", "=1").replace("=false", "=0"))
                .sorted().toList()));
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
