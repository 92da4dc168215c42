package io.promptgate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.promptgate.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Without Redis, a change made through one node reaches another node sharing the database by the version check. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class ConfigVersionWatchTest {
    @Parameter
    TestEngine engine;
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
    void theOtherNodeReloadsWithinAnIntervalOfTheChange() throws Exception {
        SnapshotService nodeA = new SnapshotService(store.database.sessionFactory(), store.secrets);
        SnapshotService nodeB = new SnapshotService(store.database.sessionFactory(), store.secrets);
        nodeA.reload();
        nodeB.reload();
        try (ConfigVersionWatch watchB = new ConfigVersionWatch(nodeB, Duration.ofMillis(100))) {
            store.configImport.applyText("providers: [{name: seen-by-b, openaiBaseUrl: 'http://x/v1'}]", "tester");
            nodeA.reload();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (!nodeB.current().providersByName().containsKey("seen-by-b") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(nodeB.current().providersByName()).containsKey("seen-by-b");
        }
    }
}
