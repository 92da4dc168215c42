package io.promptgate.it;

import io.promptgate.testing.FakeUpstream;
import io.promptgate.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fake upstream (both wire formats) and the declarative config that points a gateway at it:
 * the routes, providers and keys the container tests share. Upstream keys and the caller key are
 * canaries: tests assert they never show up in clear where they must not.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final String ALICE_KEY = "pg_alice0123456789abcdefghijklmnopqrstuvwxyzAB";
    public static final String BOB_DISABLED_KEY = "pg_bob0123456789abcdefghijklmnopqrstuvwxyzABCD";
    public static final String OPENAI_UPSTREAM_KEY = "sk-upstream-openai-CANARY-7f3a9c";
    public static final String ANTHROPIC_UPSTREAM_KEY = "sk-ant-upstream-CANARY-51d0e2";
    /** The host name the Host-based routes answer; tests send it as the Host header. */
    public static final String CODE_HOST = "code.example.com";

    private final FakeUpstream upstream;
    private final int deadPort;
    private final Path configFile;

    public GatewayFixture(String name) {
        upstream = FakeUpstream.started();
        deadPort = FreePorts.find();
        Path dir = ItPaths.freshWorkDir(name + "-fixture");
        configFile = dir.resolve("promptgate.yaml");
        try {
            Files.writeString(configFile, configYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeUpstream upstream() {
        return upstream;
    }

    public Path configFile() {
        return configFile;
    }

    /** The environment DESIGN §5 names, for a container whose data lives in {@code home}. */
    public Map<String, String> environment(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROMPTGATE_HOME", home.toString());
        env.put("PROMPTGATE_CONFIG", configFile.toString());
        return env;
    }

    private String configYaml() {
        String up = "http://127.0.0.1:" + upstream.port();
        String dead = "http://127.0.0.1:" + deadPort;
        return """
                settings:
                  maxBodyBytes: 65536
                providers:
                  - name: openai-up
                    openaiBaseUrl: %1$s/v1
                    apiKeys: [%3$s]
                    models: [gpt-up]
                    firstByteTimeoutMs: 5000
                    idleTimeoutMs: 1500
                  - name: anthropic-up
                    anthropicBaseUrl: %1$s
                    apiKeys: [%4$s]
                    models: [claude-up]
                    maxOutputTokens: 1000
                  - name: slow-up
                    openaiBaseUrl: %1$s/v1
                    anthropicBaseUrl: %1$s
                    apiKeys: [sk-slow]
                    firstByteTimeoutMs: 800
                    idleTimeoutMs: 800
                  - name: dead-up
                    openaiBaseUrl: %2$s/v1
                    anthropicBaseUrl: %2$s
                    apiKeys: [sk-dead]
                    connectTimeoutMs: 2000
                policies:
                  - name: org-policy
                    mode: prepend
                    text: "You are a helpful assistant of Example Corp."
                  - name: strict-policy
                    mode: replace
                    text: "Answer in one sentence."
                routes:
                  - name: adapt-messages
                    path: /adapt/v1/messages
                    protocol: anthropic
                    provider: openai-up
                    model: gpt-up
                  - name: adapt-count-tokens
                    path: /adapt/v1/messages/*
                    protocol: anthropic
                    provider: openai-up
                    model: gpt-up
                  - name: adapt-chat
                    path: /adapt/v1/chat/completions
                    protocol: openai
                    provider: anthropic-up
                    model: claude-up
                  - name: policy-messages
                    path: /policy/v1/messages
                    protocol: anthropic
                    provider: anthropic-up
                    model: claude-up
                    policy: org-policy
                  - name: policy-chat
                    path: /policy/v1/chat/completions
                    protocol: openai
                    provider: openai-up
                    model: gpt-up
                    policy: strict-policy
                  - name: chat
                    path: /v1/chat/completions
                    protocol: openai
                    provider: openai-up
                    model: gpt-up
                  - name: messages
                    path: /v1/messages
                    protocol: anthropic
                    provider: anthropic-up
                    model: claude-up
                  - name: messages-sub
                    path: /v1/messages/*
                    protocol: anthropic
                    provider: anthropic-up
                    model: claude-up
                  - name: code-messages
                    host: %5$s
                    path: /v1/messages
                    protocol: anthropic
                    provider: anthropic-up
                    model: claude-code-model
                  - name: code-chat
                    host: "*.example.com"
                    path: /v1/chat/completions
                    protocol: openai
                    provider: openai-up
                    model: suffix-model
                  - name: slow-chat
                    path: /slow/v1/chat/completions
                    protocol: openai
                    provider: slow-up
                    model: slow-model
                  - name: slow-messages
                    path: /slow/v1/messages
                    protocol: anthropic
                    provider: slow-up
                    model: slow-model
                  - name: dead-chat
                    path: /dead/v1/chat/completions
                    protocol: openai
                    provider: dead-up
                    model: dead-model
                  - name: dead-messages
                    path: /dead/v1/messages
                    protocol: anthropic
                    provider: dead-up
                    model: dead-model
                users:
                  - username: alice
                    role: user
                    apiKeys:
                      - name: laptop
                        key: %6$s
                  - username: bob
                    role: user
                    apiKeys:
                      - name: old
                        key: %7$s
                        enabled: false
                """.formatted(up, dead, OPENAI_UPSTREAM_KEY, ANTHROPIC_UPSTREAM_KEY, CODE_HOST, ALICE_KEY, BOB_DISABLED_KEY);
    }

    /** The request record the gateway wrote for {@code requestId}, waiting for the batch writer. */
    public static Map<String, Object> awaitRecord(Path home, String requestId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> row = findRecord(home, requestId);
            if (row != null) {
                return row;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request record for " + requestId + " within " + timeout);
            }
            sleep(50);
        }
    }

    public static long recordCount(Path home) {
        return recordCount(home, "1 = 1");
    }

    /** Request records matching a SQL condition written by the test itself. */
    public static long recordCount(Path home, String condition) {
        try (Connection c = open(home);
             PreparedStatement s = c.prepareStatement("select count(*) from request_records where " + condition);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> findRecord(Path home, String requestId) {
        try (Connection c = open(home);
             PreparedStatement s = c.prepareStatement("select * from request_records where request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            return null; // the table may not exist yet while the WAR starts
        }
    }

    private static Connection open(Path home) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + home.resolve("promptgate.db") + "?open_mode=1");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        upstream.close();
    }
}
