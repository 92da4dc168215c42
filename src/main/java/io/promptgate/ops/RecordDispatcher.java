package io.promptgate.ops;

import io.promptgate.core.RecordSink;
import io.promptgate.core.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes finished requests' records off the request threads and hands them, in batches, to every
 * consumer (database writer, action log, …) on one background thread. Closing drains what is
 * queued: no record accepted before close is lost.
 */
public final class RecordDispatcher implements RecordSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RecordDispatcher.class.getName());
    static final int MAX_BATCH = 500;
    /** How long the writer waits for more records after the first of a batch. */
    static final long LINGER_MS = 20;

    private final BlockingQueue<RequestRecord> queue;
    private final List<Consumer<List<RequestRecord>>> consumers;
    private final Thread worker;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong dispatched = new AtomicLong();
    private volatile boolean closing;

    public RecordDispatcher(int capacity, List<Consumer<List<RequestRecord>>> consumers) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.consumers = List.copyOf(consumers);
        this.worker = new Thread(this::run, "promptgate-records");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void accept(RequestRecord record) {
        if (!queue.offer(record)) {
            long n = dropped.incrementAndGet();
            LOG.severe("request record queue is full; dropped " + n + " record(s) so far, latest " + record.requestId());
        }
    }

    /** Records waiting to be written. */
    public int backlog() {
        return queue.size();
    }

    /** Records that could not be queued (must stay 0). */
    public long dropped() {
        return dropped.get();
    }

    /** Records handed to the consumers so far. */
    public long dispatched() {
        return dispatched.get();
    }

    private void run() {
        List<RequestRecord> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                RequestRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < MAX_BATCH && !closing) {
                    // let a busy gateway fill the batch: one transaction per ~LINGER, not per record
                    linger();
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                deliver(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            deliver(batch);
        }
    }

    private static void linger() {
        try {
            TimeUnit.MILLISECONDS.sleep(LINGER_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the batch in hand is still delivered; the loop then ends
        }
    }

    private void deliver(List<RequestRecord> batch) {
        List<RequestRecord> view = List.copyOf(batch);
        for (Consumer<List<RequestRecord>> consumer : consumers) {
            try {
                consumer.accept(view);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "a record consumer failed on a batch of " + view.size(), e);
            }
        }
        dispatched.addAndGet(view.size());
    }

    /** Writes everything still queued, then stops the background thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.severe("request records still queued at shutdown: " + queue.size());
        }
    }
}
