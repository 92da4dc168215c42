package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class InitialAdminTest {
    @Parameter
    TestEngine engine;

    private static final Pattern LOGGED = Pattern.compile(
            "Initial admin password for user 'admin': ([0-9A-Za-z]{20}) — change it after the first login");

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
    void generatesAPasswordOnFirstStartAndLogsItOnce() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            assertThat(InitialAdmin.ensure(store.database.sessionFactory(), store.passwords, Optional.empty())).isTrue();
            assertThat(InitialAdmin.ensure(store.database.sessionFactory(), store.passwords, Optional.empty())).isFalse();

            List<LogRecord> mentions = logs.records().stream()
                    .filter(r -> r.getMessage() != null && r.getMessage().contains("Initial admin password")).toList();
            assertThat(mentions).hasSize(1);
            assertThat(mentions.get(0).getLevel()).isEqualTo(Level.WARNING);
            Matcher m = LOGGED.matcher(mentions.get(0).getMessage());
            assertThat(m.matches()).isTrue();
            String hash = (String) store.value("SELECT password_hash FROM users WHERE username = 'admin'");
            assertThat(store.passwords.verify(m.group(1), hash)).isTrue();
        }
        assertThat(store.value("SELECT role || ' ' || CASE WHEN enabled THEN 1 ELSE 0 END FROM users")).isEqualTo("admin 1");
        assertThat(store.count("users")).isEqualTo(1);
        assertThat(store.value("SELECT action || ' ' || target FROM audit_events")).isEqualTo("user.create admin");
    }

    @Test
    void usesTheConfiguredPasswordAndNeverLogsIt() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            InitialAdmin.ensure(store.database.sessionFactory(), store.passwords, Optional.of("configured-Pa55"));
            assertThat(logs.text()).doesNotContain("configured-Pa55").doesNotContain("Initial admin password");
        }
        assertThat(store.passwords.verify("configured-Pa55", (String) store.value("SELECT password_hash FROM users"))).isTrue();
    }

    @Test
    void doesNothingWhenUsersExist() throws Exception {
        store.configImport.applyText("users: [{username: alice}]", "tester");
        assertThat(InitialAdmin.ensure(store.database.sessionFactory(), store.passwords, Optional.empty())).isFalse();
        assertThat(store.count("users")).isEqualTo(1);
    }
}
