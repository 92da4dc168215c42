package io.promptgate.ops;

import java.util.function.Consumer;

/**
 * Where action-log events are published and heard. The local bus hands each event to this
 * node's subscribers; a cluster bus (e.g. over Redis pub/sub) can publish to other nodes as well
 * and deliver theirs here, without the history or the feed knowing.
 */
public interface ActionEventBus {
    /** Hands {@code event} to every subscriber; never blocks on a slow one. */
    void publish(ActionEvent event);

    /** Subscribes {@code listener}, which must return quickly (queue, never write); closing unsubscribes. */
    Subscription subscribe(Consumer<ActionEvent> listener);

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
