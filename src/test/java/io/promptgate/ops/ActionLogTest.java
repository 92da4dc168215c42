package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.RequestRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionLogTest {
    static RequestRecord record(int status, String error) {
        return new RequestRecord("req_x", Instant.parse("2026-06-02T13:20:01Z"), 1L, "test", "pg_abcd",
                "code.example.com", "/v1/messages", "ClaudeCode", "ProviderA", "qwen3.6-plus", status,
                10, 20, 1234, 300L, 0, true, false, error, "127.0.0.1");
    }

    @Test
    void oneLinePerRequestInTheDocumentedFormat(@TempDir Path dir) throws Exception {
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> "en")) {
            assertThat(log.line(record(200, null), ActionLogLabels.ENGLISH)).isEqualTo(
                    "2026-06-02 13:20:01 INFO request done requestId=req_x user=test key=pg_abcd host=code.example.com"
                            + " path=/v1/messages route=ClaudeCode provider=ProviderA model=qwen3.6-plus status=200"
                            + " in=10 out=20 total=30 ms=1234 queue=0 fallback=no");
            log.accept(List.of(record(200, null), record(401, "invalid_api_key")));
        }
        String file = Files.readString(dir.resolve("action.log"), StandardCharsets.UTF_8);
        assertThat(file.lines()).hasSize(2);
        assertThat(file).contains("WARN request failed requestId=req_x").contains("status=401").contains("error=invalid_api_key");
    }

    @Test
    void chineseLinesWhenTheSettingSaysSo(@TempDir Path dir) throws Exception {
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> "zh-CN")) {
            log.accept(List.of(record(200, null)));
        }
        assertThat(Files.readString(dir.resolve("action.log"), StandardCharsets.UTF_8).strip()).isEqualTo(
                "2026-06-02 13:20:01 信息 请求完成 请求ID=req_x 用户=test 密钥=pg_abcd 主机=code.example.com"
                        + " 路径=/v1/messages 路由=ClaudeCode 供应商=ProviderA 模型=qwen3.6-plus 状态=200"
                        + " 输入=10 输出=20 总计=30 耗时=1234 排队=0 降级=否");
    }

    @Test
    void unknownValuesAreDashesAndNothingBreaksTheLine(@TempDir Path dir) throws Exception {
        RequestRecord r = new RequestRecord("req_y", Instant.EPOCH, null, null, null, "evil host\nINFO fake", "/x y",
                null, null, null, 404, 0, 0, 1, null, 0, false, false, "not_found", "::1");
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> "en")) {
            String line = log.line(r, ActionLogLabels.ENGLISH);
            assertThat(line).doesNotContain("\n").contains("user=- key=-").contains("host=evil_host_INFO_fake").contains("path=/x_y");
        }
    }

    @Test
    void longValuesAreCutAndEachLineHasItsOwnSecond(@TempDir Path dir) throws Exception {
        RequestRecord base = record(200, null);
        String longPath = "/v1/" + "p".repeat(300);
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> "en")) {
            String cut = log.line(new RequestRecord("req_l", base.time(), 1L, "test", "pg_abcd", "h", longPath, "r", "p",
                    "m", 200, 0, 0, 1, null, 0, false, false, null, "::1"), ActionLogLabels.ENGLISH);
            assertThat(cut).contains(" path=" + longPath.substring(0, 200) + " route=r");
            String[] stamps = {"2026-06-02T13:20:01Z", "2026-06-02T13:20:01.900Z", "2026-06-02T13:20:02Z", "2026-06-02T13:20:01Z"};
            for (String at : stamps) {
                RequestRecord r = new RequestRecord("req_t", Instant.parse(at), 1L, "test", "pg_abcd", "h", "/v1/x", "r",
                        "p", "m", 200, 0, 0, 1, null, 0, false, false, null, "::1");
                assertThat(log.line(r, ActionLogLabels.ENGLISH)).startsWith(at.substring(0, 10) + " " + at.substring(11, 19) + " ");
            }
        }
    }

    @Test
    void theContainersLogGetsFailuresAndServedRequestsOnlyAtFine(@TempDir Path dir) throws Exception {
        Logger container = Logger.getLogger("promptgate.action");
        List<LogRecord> published = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                published.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Level before = container.getLevel();
        container.addHandler(capture);
        try (ActionLog log = new ActionLog(dir, ZoneOffset.UTC, () -> "en")) {
            container.setLevel(Level.INFO); // the containers' default
            log.accept(List.of(record(200, null), record(401, "invalid_api_key"), record(502, "upstream_unreachable")));
            assertThat(published).extracting(LogRecord::getLevel).containsExactly(Level.INFO, Level.WARNING);
            assertThat(published.get(0).getMessage()).contains("status=401").doesNotContain("status=200");
            assertThat(published.get(1).getMessage()).contains("status=502");

            published.clear();
            container.setLevel(Level.FINE); // an operator who wants every request there too
            log.accept(List.of(record(200, null)));
            assertThat(published).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.FINE);
                assertThat(r.getMessage()).contains("INFO request done", "status=200");
            });
        } finally {
            container.removeHandler(capture);
            container.setLevel(before);
        }
        assertThat(Files.readString(dir.resolve("action.log"), StandardCharsets.UTF_8).lines()).hasSize(4);
    }
}
