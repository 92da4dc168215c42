package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    long seq;

    ActionEvent request(String user) {
        seq++;
        return new ActionEvent(seq, Instant.EPOCH, ActionEvent.REQUEST, user, "INFO", "line " + seq + " user=" + user);
    }

    ActionEvent notice() {
        seq++;
        return new ActionEvent(seq, Instant.EPOCH, ActionEvent.NOTICE, null, "INFO", "notice " + seq);
    }

    static List<ActionEvent> drain(FeedSubscriber s) {
        List<ActionEvent> out = new ArrayList<>();
        for (ActionEvent e; (e = s.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    @Test
    void theHistoryKeepsTheNewestNAndShowsUsersOnlyTheirOwnRequests() {
        ActionHistory history = new ActionHistory(3);
        List.of(request("alice"), request("bob"), notice(), request("alice"), request("bob")).forEach(history);
        assertThat(history.recent("admin", true, 10)).extracting(ActionEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(history.recent("alice", false, 10)).extracting(ActionEvent::seq).containsExactly(4L);
        assertThat(history.recent("admin", true, 2)).extracting(ActionEvent::seq).containsExactly(4L, 5L);
    }

    final LocalActionEventBus bus = new LocalActionEventBus();

    /** A feed on {@link #bus} with a history of {@code historySize} and subscriber queues of {@code queue}. */
    LiveFeed feed(int historySize, int queue) {
        ActionHistory history = new ActionHistory(historySize);
        bus.subscribe(history);
        return new LiveFeed(bus, history, queue);
    }

    @Test
    void aSubscriberGetsTheHistoryThenLiveEventsOnceEachInOrder() {
        LiveFeed feed = feed(100, 10);
        bus.publish(request("alice"));
        bus.publish(request("bob"));
        AtomicInteger wakeUps = new AtomicInteger();
        LiveFeed.Connection alice = feed.open("alice", false, 0, wakeUps::incrementAndGet);
        LiveFeed.Connection admin = feed.open("admin", true, 1, () -> { });
        bus.publish(notice());
        bus.publish(request("alice"));
        assertThat(drain(alice.subscriber())).extracting(ActionEvent::seq).containsExactly(1L, 4L);
        assertThat(wakeUps).hasValue(1);
        assertThat(drain(admin.subscriber())).as("Last-Event-ID 1: history after it")
                .extracting(ActionEvent::seq).containsExactly(2L, 3L, 4L);
        assertThat(feed.subscribers()).isEqualTo(2);
        alice.close();
        alice.close();
        assertThat(feed.subscribers()).isEqualTo(1);
        assertThat(bus.subscribers()).isEqualTo(2); // the history and the admin
    }

    @Test
    void aReaderThatDoesNotKeepUpLosesEventsWithoutHoldingUpThePublisherOrOthers() {
        LiveFeed feed = feed(10, 5);
        LiveFeed.Connection stuck = feed.open("admin", true, 0, () -> { });
        LiveFeed.Connection reader = feed.open("admin", true, 0, () -> { });
        List<ActionEvent> read = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            bus.publish(request("alice"));
            read.addAll(drain(reader.subscriber()));
        }
        assertThat(System.nanoTime() - start).as("publishing never waits").isLessThan(2_000_000_000L);
        assertThat(read).hasSize(10_000);
        assertThat(stuck.subscriber().saturated()).isTrue();
        assertThat(stuck.subscriber().dropped()).isEqualTo(9_995);
        assertThat(stuck.subscriber().takeNewlyDropped()).isEqualTo(9_995);
        assertThat(stuck.subscriber().takeNewlyDropped()).isZero();
        assertThat(feed.dropped()).isEqualTo(9_995);
        assertThat(drain(stuck.subscriber())).hasSize(5);
    }
}
