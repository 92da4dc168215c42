package io.promptgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void twentyFourHexDigitsAfterThePrefix() {
        assertThat(RequestIds.next()).matches("req_[0-9a-f]{24}");
        assertThat(RequestIds.next(0, 0)).isEqualTo("req_000000000000000000000000");
        assertThat(RequestIds.next(-1, -1)).matches("req_[0-9a-f]{24}");
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        String earlier = RequestIds.next(1_767_225_600_000L, -1);
        String later = RequestIds.next(1_767_225_600_001L, 0);
        assertThat(later).isGreaterThan(earlier);
        assertThat(earlier).startsWith("req_" + Long.toHexString(1_767_225_600_000L)); // the milliseconds, in hex (11 digits)
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next(1_767_225_600_000L, java.util.concurrent.ThreadLocalRandom.current().nextLong()));
        }
        assertThat(ids).hasSize(10_000);
    }
}
