package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionHistoryTest {
    static ActionEvent event(long seq, String kind, String user, String level, String line) {
        return new ActionEvent(seq, Instant.ofEpochSecond(1_796_000_000L + seq, 123_456_789), kind, user, level, line);
    }

    @Test
    void eventsComeBackAsTheyWereAcrossOverwrittenSlots() {
        ActionHistory history = new ActionHistory(2);
        List<ActionEvent> published = List.of(
                event(1, ActionEvent.REQUEST, "alice", "INFO", "a short line"),
                event(2, ActionEvent.NOTICE, null, "WARN", "notice with é and ÿ, still ISO-8859-1 ".repeat(20)),
                event(3, ActionEvent.REQUEST, "bob", "INFO", "请求完成 user=bob 状态=200"),
                event(4, ActionEvent.REQUEST, "alice", "WARN", "x"),
                event(5, ActionEvent.REQUEST, "张三", "INFO", "a line shorter than the one before it in this slot"),
                event(6, ActionEvent.NOTICE, null, "INFO", "emoji 🚀 needs surrogate pairs"));
        for (int i = 0; i < published.size(); i++) {
            history.accept(published.get(i));
            int from = Math.max(0, i - 1);
            assertThat(history.recent("admin", true, 10)).as("after event %d", i + 1)
                    .containsExactlyElementsOf(published.subList(from, i + 1));
        }
        assertThat(history.recent("张三", false, 10)).containsExactly(published.get(4));
        assertThat(history.recent("alice", false, 10)).isEmpty();
    }

    @Test
    void theNewestComeFirstWhenTheLimitCutsAndBeforeTheRingIsFull() {
        ActionHistory history = new ActionHistory(1000);
        for (long seq = 1; seq <= 10; seq++) {
            history.accept(event(seq, ActionEvent.REQUEST, seq % 2 == 0 ? "alice" : "bob", "INFO", "line " + seq));
        }
        assertThat(history.recent("alice", false, 3)).extracting(ActionEvent::seq).containsExactly(6L, 8L, 10L);
        assertThat(history.recent("admin", true, 100)).hasSize(10);
        assertThat(new ActionHistory(1).recent("admin", true, 5)).isEmpty();
    }

    @Test
    void thePublishedEventIsNotKept() throws Exception {
        ActionHistory history = new ActionHistory(10);
        String line = new String("request done requestId=req_1 user=alice status=200".toCharArray());
        WeakReference<String> published = new WeakReference<>(line);
        history.accept(event(1, ActionEvent.REQUEST, "alice", "INFO", line));
        line = null;
        for (int i = 0; i < 20 && published.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(published.get()).as("the history copies the line; it does not hold the event's objects").isNull();
        assertThat(history.recent("alice", false, 1)).extracting(ActionEvent::line)
                .containsExactly("request done requestId=req_1 user=alice status=200");
    }
}
