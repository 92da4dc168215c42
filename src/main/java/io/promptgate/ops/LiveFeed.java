package io.promptgate.ops;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live action-log feed: each subscriber gets the recent history it may see, then live events
 * from the {@link ActionEventBus}, through its own bounded {@link FeedSubscriber} queue. Knows
 * nothing of HTTP: the endpoint writes what {@link FeedSubscriber#poll} hands it.
 */
public final class LiveFeed {
    public static final int DEFAULT_QUEUE = 1024;
    private final ActionEventBus bus;
    private final ActionHistory history;
    private final int queueCapacity;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger subscribers = new AtomicInteger();

    public LiveFeed(ActionEventBus bus, ActionHistory history, int queueCapacity) {
        this.bus = bus;
        this.history = history;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Subscribes a viewer. The history sent first holds the events after {@code afterSeq} (an SSE
     * {@code Last-Event-ID}; 0 for all), at most the queue's capacity of them.
     *
     * @param wakeUp called (on the publishing thread) when an event is queued: schedule the writer, never write there
     */
    public Connection open(String username, boolean admin, long afterSeq, Runnable wakeUp) {
        FeedSubscriber subscriber = new FeedSubscriber(username, admin, queueCapacity, wakeUp, dropped);
        // subscribe before reading the history, so nothing published in between is missed
        ActionEventBus.Subscription subscription = bus.subscribe(subscriber);
        List<ActionEvent> recent = history.recent(username, admin, Math.max(queueCapacity, history.capacity()));
        subscriber.replay(recent.stream().filter(e -> e.seq() > afterSeq).toList());
        subscribers.incrementAndGet();
        return new Connection(subscriber, subscription);
    }

    /** The history a viewer may see, oldest first. */
    public List<ActionEvent> recent(String username, boolean admin, int limit) {
        return history.recent(username, admin, limit);
    }

    /** Events dropped for slow subscribers, all subscribers together. */
    public long dropped() {
        return dropped.get();
    }

    public int subscribers() {
        return subscribers.get();
    }

    /** One open subscription; closing it (once) unsubscribes. */
    public final class Connection implements AutoCloseable {
        private final FeedSubscriber subscriber;
        private final ActionEventBus.Subscription subscription;
        private final AtomicInteger closed = new AtomicInteger();

        private Connection(FeedSubscriber subscriber, ActionEventBus.Subscription subscription) {
            this.subscriber = subscriber;
            this.subscription = subscription;
        }

        public FeedSubscriber subscriber() {
            return subscriber;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(0, 1)) {
                subscription.close();
                subscribers.decrementAndGet();
            }
        }
    }
}
