package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionNoticeTest {
    static final Instant T = Instant.parse("2026-06-02T13:20:01Z");

    static ActionNotice notice(String action, String target, String detail) {
        return ActionNotice.fromAudit(T, "admin", action, target, detail).orElseThrow();
    }

    @Test
    void auditActionsBecomeTheirEventsAndLoginsAndOthersAreLeftOut() {
        assertThat(notice("key.create", "alice/laptop", "prefix=pg_abcd").type()).isEqualTo(ActionNotice.Type.KEY_CREATED);
        assertThat(notice("key.update", "alice/laptop", "disabled, prefix=pg_abcd").type()).isEqualTo(ActionNotice.Type.KEY_DISABLED);
        assertThat(notice("key.update", "alice/laptop", "enabled, prefix=pg_abcd").type()).isEqualTo(ActionNotice.Type.KEY_ENABLED);
        assertThat(notice("key.delete", "alice/laptop", "prefix=pg_abcd").type()).isEqualTo(ActionNotice.Type.KEY_DELETED);
        assertThat(notice("login.failed", "bob", "from 10.0.0.7").client()).isEqualTo("10.0.0.7");
        assertThat(notice("login.locked", "bob", "user name locked").type()).isEqualTo(ActionNotice.Type.LOGIN_LOCKED);
        for (String change : List.of("provider.update", "route.create", "policy.delete", "user.update", "settings.update",
                "config.import", "report.settings.update")) {
            assertThat(notice(change, "x", "anything").change()).as(change).isEqualTo(change);
        }
        assertThat(ActionNotice.fromAudit(T, "bob", "login", "bob", null)).isEmpty();
        assertThat(ActionNotice.fromAudit(T, "bob", "logout", "bob", null)).isEmpty();
        assertThat(ActionNotice.fromAudit(T, "admin", "key.update", "a/b", "renamed to disabled, prefix=pg_abcd")).isEmpty();
        assertThat(ActionNotice.fromAudit(T, "admin", "report.dingtalk.sent", "dingtalk", "ok")).isEmpty();
    }

    @Test
    void linesInEnglishAndChineseHoldOnlyTheKeyPrefix(@TempDir Path dir) throws Exception {
        List<ActionEvent> published = new ArrayList<>();
        LocalActionEventBus bus = new LocalActionEventBus();
        bus.subscribe(published::add);
        String[] language = {"en"};
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> language[0], bus)) {
            log.notice(notice("key.create", "alice/laptop", "prefix=pg_abcd"));
            log.notice(notice("login.failed", "bob", "from 10.0.0.7"));
            log.notice(notice("provider.update", "qwen", "openaiBaseUrl=…"));
            language[0] = "zh-CN";
            log.notice(notice("key.update", "alice/laptop", "disabled, prefix=pg_abcd"));
            log.notice(notice("login.locked", "bob", "user name locked after repeated failed logins"));
            log.notice(notice("config.import", "document", "2 created"));
        }
        assertThat(Files.readAllLines(dir.resolve("action.log"), StandardCharsets.UTF_8)).containsExactly(
                "2026-06-02 13:20:01 INFO key created actor=admin target=alice/laptop key=pg_abcd",
                "2026-06-02 13:20:01 WARN login failed user=bob client=10.0.0.7",
                "2026-06-02 13:20:01 INFO config changed actor=admin change=provider.update target=qwen",
                "2026-06-02 13:20:01 信息 密钥已停用 操作者=admin 对象=alice/laptop 密钥=pg_abcd",
                "2026-06-02 13:20:01 警告 登录已锁定 用户=bob",
                "2026-06-02 13:20:01 信息 配置已变更 操作者=admin 变更=config.import 对象=document");
        assertThat(published).extracting(ActionEvent::kind).containsOnly(ActionEvent.NOTICE);
        assertThat(published).extracting(ActionEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(published.get(1).level()).isEqualTo("WARN");
        assertThat(published.get(0).visibleTo("alice", false)).as("notices are for administrators").isFalse();
        assertThat(published.get(0).visibleTo("admin", true)).isTrue();
    }
}
