package io.promptgate.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operations jobs (daily reports, record retention) on one background thread. Each job says
 * when it runs next after a given time; it is scheduled for that instant, run, and scheduled
 * again. {@link #reschedule} recomputes a job's next run after its settings changed.
 */
public final class ScheduledJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScheduledJobs.class.getName());
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile Thread jobsThread;

    public ScheduledJobs(Clock clock) {
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "promptgate-jobs");
            t.setDaemon(true);
            jobsThread = t;
            return t;
        });
    }

    /**
     * Adds a job.
     *
     * @param next the job's next run strictly after the given time; empty while it is off
     */
    public void add(String name, Function<ZonedDateTime, Optional<ZonedDateTime>> next, Runnable task) {
        Job job = new Job(name, next, task);
        jobs.put(name, job);
        executor.execute(job::schedule);
    }

    /**
     * Recomputes the job's next run (its schedule or settings changed), waiting briefly for it so
     * that {@link #nextRun} then tells the new time (not when the jobs thread is busy running a job).
     */
    public void reschedule(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return;
        }
        Future<?> done = executor.submit(job::schedule);
        if (Thread.currentThread() == jobsThread) {
            return; // from a job itself: waiting would wait for ourselves
        }
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // busy running a job (the new time follows), or the computation failed (logged by the job)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the job runs next, if it is scheduled. */
    public Optional<ZonedDateTime> nextRun(String name) {
        Job job = jobs.get(name);
        return job == null ? Optional.empty() : Optional.ofNullable(job.nextRun);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One job; its fields are touched only on the jobs thread, except the read of {@code nextRun}. */
    private final class Job {
        private final String name;
        private final Function<ZonedDateTime, Optional<ZonedDateTime>> next;
        private final Runnable task;
        private ScheduledFuture<?> pending;
        private volatile ZonedDateTime nextRun;

        Job(String name, Function<ZonedDateTime, Optional<ZonedDateTime>> next, Runnable task) {
            this.name = name;
            this.next = next;
            this.task = task;
        }

        void schedule() {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            Optional<ZonedDateTime> at;
            try {
                at = next.apply(ZonedDateTime.now(clock));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot compute the next run of " + name + "; it is off until its settings change", e);
                at = Optional.empty();
            }
            nextRun = at.orElse(null);
            if (at.isPresent()) {
                long delay = Math.max(0, Duration.between(clock.instant(), at.get().toInstant()).toMillis());
                pending = executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
            }
        }

        private void run() {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "scheduled job " + name + " failed", e);
            }
            schedule();
        }
    }
}
