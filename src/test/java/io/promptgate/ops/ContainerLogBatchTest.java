package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerLogBatchTest {
    private final Logger logger = Logger.getLogger("promptgate.action.test");
    private final List<LogRecord> published = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            published.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void consecutiveLinesOfOneLevelBecomeOneRecordWithOneLineEach() {
        ContainerLogBatch batch = new ContainerLogBatch(logger);
        batch.add(Level.INFO, "a");
        batch.add(Level.INFO, "b");
        batch.add(Level.WARNING, "c");
        batch.add(Level.INFO, "d");
        batch.publish();

        assertThat(published).extracting(LogRecord::getLevel).containsExactly(Level.INFO, Level.WARNING, Level.INFO);
        assertThat(published).extracting(LogRecord::getMessage)
                .containsExactly("a" + System.lineSeparator() + "b", "c", "d");
    }

    @Test
    void nothingAddedPublishesNothingAndFilteredLevelsAreSkipped() {
        logger.setLevel(Level.WARNING);
        ContainerLogBatch batch = new ContainerLogBatch(logger);
        batch.publish();
        batch.add(Level.INFO, "quiet");
        batch.add(Level.WARNING, "loud");
        batch.publish();
        batch.publish();

        assertThat(published).extracting(LogRecord::getMessage).containsExactly("loud");
    }
}
