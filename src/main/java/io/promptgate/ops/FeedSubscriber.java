package io.promptgate.ops;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One live-feed subscriber's bounded queue: the history it was sent on connect, then the live
 * events it may see. Offering never blocks: when the queue is full the event is dropped and
 * counted, so a slow or dead reader never holds up the publisher or anyone else. The writer calls
 * {@link #poll} from one thread at a time.
 */
public final class FeedSubscriber implements Consumer<ActionEvent> {
    private final String username;
    private final boolean admin;
    private final ArrayDeque<ActionEvent> replay = new ArrayDeque<>();
    private final BlockingQueue<ActionEvent> live;
    private final Runnable wakeUp;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal;
    private long replayedUpTo;
    private long droppedReported;

    /**
     * @param wakeUp       called after an event was queued (must not block: it schedules the writer)
     * @param droppedTotal the feed-wide count of dropped events, also counted into
     */
    FeedSubscriber(String username, boolean admin, int capacity, Runnable wakeUp, AtomicLong droppedTotal) {
        this.username = username;
        this.admin = admin;
        this.live = new ArrayBlockingQueue<>(capacity);
        this.wakeUp = wakeUp;
        this.droppedTotal = droppedTotal;
    }

    /** Live events: queued if visible to this subscriber, dropped and counted when the queue is full. */
    @Override
    public void accept(ActionEvent event) {
        if (!event.visibleTo(username, admin)) {
            return;
        }
        if (live.offer(event)) {
            wakeUp.run();
        } else {
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
        }
    }

    /** Sets the history to send first; live events it already holds are skipped later. Called before the first poll. */
    synchronized void replay(List<ActionEvent> history) {
        replay.addAll(history);
        if (!history.isEmpty()) {
            replayedUpTo = history.get(history.size() - 1).seq();
        }
    }

    /** The next event to send, or {@code null} when there is none now. */
    public synchronized ActionEvent poll() {
        ActionEvent next = replay.pollFirst();
        if (next != null) {
            return next;
        }
        while ((next = live.poll()) != null) {
            if (next.seq() > replayedUpTo) {
                return next;
            }
        }
        return null;
    }

    /** Whether the live queue is full (the reader is not keeping up). */
    public boolean saturated() {
        return live.remainingCapacity() == 0;
    }

    /** Events dropped for this subscriber since the last call (to tell the reader so). */
    public synchronized long takeNewlyDropped() {
        long now = dropped.get();
        long fresh = now - droppedReported;
        droppedReported = now;
        return fresh;
    }

    /** Events dropped for this subscriber so far. */
    public long dropped() {
        return dropped.get();
    }
}
