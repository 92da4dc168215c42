package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedMigrationStateTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Migrations.State current = new Migrations.State("3", 0);
    private volatile boolean failing;

    private final CachedMigrationState cache = new CachedMigrationState(() -> {
        reads.incrementAndGet();
        if (failing) {
            throw new IllegalStateException("history table unreadable");
        }
        return current;
    }, Duration.ofSeconds(60), now::get);

    @Test
    void aStateSetAtStartUpIsReportedWithoutReadingAgainUntilItIsAMinuteOld() {
        cache.set(new Migrations.State("3", 0));
        current = new Migrations.State("4", 0); // a newer node migrated the shared database

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.get()).isEqualTo(new Migrations.State("3", 0));
        assertThat(reads).hasValue(0);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get()).isEqualTo(new Migrations.State("4", 0));
        assertThat(cache.get()).isEqualTo(new Migrations.State("4", 0));
        assertThat(reads).hasValue(1);
    }

    @Test
    void theFirstCallReadsWhenNothingWasSet() {
        assertThat(cache.get()).isEqualTo(new Migrations.State("3", 0));
        assertThat(cache.get()).isEqualTo(new Migrations.State("3", 0));
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFailedReadIsNotKeptSoTheNextCallTriesAgain() {
        failing = true;
        assertThatThrownBy(cache::get).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cache::get).isInstanceOf(IllegalStateException.class);
        assertThat(reads).hasValue(2);

        failing = false;
        assertThat(cache.get()).isEqualTo(new Migrations.State("3", 0));
        assertThat(reads).hasValue(3);
    }
}
