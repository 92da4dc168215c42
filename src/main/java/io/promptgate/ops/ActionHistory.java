package io.promptgate.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The last {@code capacity} action-log events, in memory (a ring: the oldest go first).
 *
 * <p>An event is copied into a reused slot rather than kept as the object that was published: a busy
 * gateway writes a whole history's worth of events between two young collections, and kept objects
 * would all be young at every collection, copied by the collector each time (a thousand events are
 * ~360 KiB, about half of what survived each young collection of a gateway serving 100 streams a
 * second). Slots are created as the ring fills and then overwritten in place, without allocating.
 */
public final class ActionHistory implements Consumer<ActionEvent> {
    public static final int DEFAULT_CAPACITY = 1000;
    private final int capacity;
    private final ArrayList<Slot> slots;
    /** Where the next event goes: one past the newest. */
    private int next;

    public ActionHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = new ArrayList<>(Math.min(capacity, 4096));
    }

    @Override
    public synchronized void accept(ActionEvent event) {
        if (slots.size() < capacity) {
            slots.add(new Slot());
        }
        slots.get(next).hold(event);
        next = (next + 1) % capacity;
    }

    /** Up to {@code limit} of the newest events {@code viewer} may see, oldest first. */
    public synchronized List<ActionEvent> recent(String username, boolean admin, int limit) {
        ArrayDeque<ActionEvent> newest = new ArrayDeque<>();
        int size = slots.size();
        for (int i = 1; i <= size && newest.size() < limit; i++) {
            Slot slot = slots.get((next - i + size) % size);
            if (slot.visibleTo(username, admin)) {
                newest.addFirst(slot.event());
            }
        }
        return new ArrayList<>(newest);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * One event's fields, overwritten in place. Its line is kept as ISO-8859-1 bytes when every
     * character fits (the usual case), otherwise as UTF-16 chars; either array is reused while it is
     * large enough. A reference is written only when it changes: a reference store into this long-lived
     * object is what the collector must rescan at the next young collection.
     */
    private static final class Slot {
        long seq;
        long epochSecond;
        int nano;
        String kind;
        String user;
        String level;
        byte[] latin1 = new byte[0];
        char[] chars;
        int length;
        boolean isLatin1;

        void hold(ActionEvent event) {
            seq = event.seq();
            epochSecond = event.time().getEpochSecond();
            nano = event.time().getNano();
            if (!Objects.equals(kind, event.kind())) {
                kind = event.kind();
            }
            if (!Objects.equals(user, event.user())) {
                user = event.user();
            }
            if (!Objects.equals(level, event.level())) {
                level = event.level();
            }
            String line = event.line();
            length = line.length();
            isLatin1 = fitsLatin1(line);
            if (isLatin1) {
                if (latin1.length < length) {
                    latin1 = new byte[length];
                }
                copyLatin1(line, latin1);
            } else {
                if (chars == null || chars.length < length) {
                    chars = new char[length];
                }
                line.getChars(0, length, chars, 0);
            }
        }

        boolean visibleTo(String username, boolean admin) {
            return ActionEvent.visibleTo(kind, user, username, admin);
        }

        ActionEvent event() {
            String line = isLatin1 ? new String(latin1, 0, length, StandardCharsets.ISO_8859_1) : new String(chars, 0, length);
            return new ActionEvent(seq, Instant.ofEpochSecond(epochSecond, nano), kind, user, level, line);
        }

        private static boolean fitsLatin1(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                if (s.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        @SuppressWarnings("deprecation") // exactly the characters' low bytes: right for a string checked to be ISO-8859-1
        private static void copyLatin1(String s, byte[] into) {
            s.getBytes(0, s.length(), into, 0);
        }
    }
}
