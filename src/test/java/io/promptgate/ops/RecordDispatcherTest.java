package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.core.RequestRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordDispatcherTest {
    @Test
    void everyAcceptedRecordReachesEveryConsumerEvenAtClose() {
        List<RequestRecord> written = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        RecordDispatcher dispatcher = new RecordDispatcher(100_000, List.of(
                batch -> {
                    sleep(5); // a slow database: records pile up and go in batches
                    written.addAll(batch);
                },
                batch -> batchSizes.add(batch.size())));
        for (int i = 0; i < 5_000; i++) {
            dispatcher.accept(ActionLogTest.record(200, null));
        }
        dispatcher.close();

        assertThat(written).hasSize(5_000);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5_000);
        assertThat(batchSizes).allMatch(n -> n <= RecordDispatcher.MAX_BATCH);
        assertThat(batchSizes.size()).isLessThan(5_000);
        assertThat(dispatcher.dropped()).isZero();
    }

    @Test
    void aFailingConsumerDoesNotStopTheOthers() {
        List<RequestRecord> written = Collections.synchronizedList(new ArrayList<>());
        RecordDispatcher dispatcher = new RecordDispatcher(100, List.of(
                batch -> {
                    throw new IllegalStateException("disk full");
                },
                written::addAll));
        dispatcher.accept(ActionLogTest.record(200, null));
        dispatcher.close();
        assertThat(written).hasSize(1);
    }

    @Test
    void aFullQueueCountsDrops() {
        RecordDispatcher dispatcher = new RecordDispatcher(1, List.of(batch -> sleep(200)));
        for (int i = 0; i < 10; i++) {
            dispatcher.accept(ActionLogTest.record(200, null));
        }
        assertThat(dispatcher.dropped()).isPositive();
        dispatcher.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
