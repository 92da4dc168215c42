package io.promptgate.ops;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** The last {@code capacity} action-log events, in memory (a ring: the oldest go first). */
public final class ActionHistory implements Consumer<ActionEvent> {
    public static final int DEFAULT_CAPACITY = 1000;
    private final int capacity;
    private final ArrayDeque<ActionEvent> events;

    public ActionHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    @Override
    public synchronized void accept(ActionEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** Up to {@code limit} of the newest events {@code viewer} may see, oldest first. */
    public synchronized List<ActionEvent> recent(String username, boolean admin, int limit) {
        ArrayDeque<ActionEvent> newest = new ArrayDeque<>();
        for (Iterator<ActionEvent> it = events.descendingIterator(); it.hasNext() && newest.size() < limit; ) {
            ActionEvent e = it.next();
            if (e.visibleTo(username, admin)) {
                newest.addFirst(e);
            }
        }
        return new ArrayList<>(newest);
    }

    public int capacity() {
        return capacity;
    }
}
