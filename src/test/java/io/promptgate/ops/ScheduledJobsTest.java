package io.promptgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScheduledJobsTest {
    @Test
    void aJobRunsAtItsNextTimeAndIsScheduledAgainAndRescheduledOnRequest() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        AtomicBoolean on = new AtomicBoolean(true);
        AtomicInteger runs = new AtomicInteger();
        try (ScheduledJobs jobs = new ScheduledJobs(Clock.systemUTC())) {
            jobs.add("quick", now -> on.get() ? Optional.of(now.plusNanos(50_000_000)) : Optional.empty(), () -> {
                runs.incrementAndGet();
                twice.countDown();
            });
            assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();
            on.set(false);
            jobs.reschedule("quick");
            Thread.sleep(300);
            int stopped = runs.get();
            Thread.sleep(300);
            assertThat(runs.get()).as("off: no further runs").isEqualTo(stopped);
            assertThat(jobs.nextRun("quick")).isEmpty();

            jobs.add("later", now -> Optional.of(now.plusHours(1)), () -> { });
            Thread.sleep(100);
            assertThat(jobs.nextRun("later")).hasValueSatisfying(t -> assertThat(t).isAfter(ZonedDateTime.now().plusMinutes(59)));
        }
    }

    @Test
    void aJobThatThrowsOrCannotComputeItsTimeDoesNotStopTheOthers() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (ScheduledJobs jobs = new ScheduledJobs(Clock.systemUTC())) {
            jobs.add("broken-time", now -> {
                throw new IllegalArgumentException("bad cron");
            }, () -> { });
            jobs.add("throws", now -> Optional.of(now.plusNanos(10_000_000)), () -> {
                throw new IllegalStateException("boom");
            });
            jobs.add("fine", now -> Optional.of(now.plusNanos(100_000_000)), ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.nextRun("broken-time")).isEmpty();
        }
    }
}
