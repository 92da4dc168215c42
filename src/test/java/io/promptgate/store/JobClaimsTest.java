package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.TestEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestEngine.class)
class JobClaimsTest {
    private static final Instant RUN = Instant.parse("2026-11-27T01:00:00Z");

    @Parameter
    TestEngine engine;
    @TempDir
    Path home;
    private TestEngine.TestDatabase opened;
    private JobClaims claims;

    @BeforeEach
    void open() {
        opened = engine.open(home);
        claims = new JobClaims(opened.database().dataSource());
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void eachRunIsClaimedOnceAndEarlierRunsNeverAgain() throws Exception {
        assertThat(claims.claim("report", RUN)).isTrue();
        assertThat(claims.claim("report", RUN)).isFalse();
        assertThat(claims.claim("report", RUN.minusSeconds(86_400))).isFalse();
        assertThat(claims.claim("other", RUN)).as("jobs are independent").isTrue();
        assertThat(claims.claim("report", RUN.plusSeconds(86_400))).isTrue();
    }

    @Test
    void nodesClaimingTheSameRunAtOnceGetItOnce() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> claims.claim("report", RUN));
            }
            int won = 0;
            for (Future<Boolean> f : nodes.invokeAll(tries)) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            nodes.shutdownNow();
        }
    }
}
