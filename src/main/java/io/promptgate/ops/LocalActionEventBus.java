package io.promptgate.ops;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The in-process {@link ActionEventBus}: events go to this node's subscribers, on the publishing thread. */
public final class LocalActionEventBus implements ActionEventBus {
    private static final Logger LOG = Logger.getLogger(LocalActionEventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<ActionEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ActionEvent event) {
        for (Consumer<ActionEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an action-log subscriber failed", e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<ActionEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Subscribers now (for metrics and tests). */
    public int subscribers() {
        return listeners.size();
    }
}
