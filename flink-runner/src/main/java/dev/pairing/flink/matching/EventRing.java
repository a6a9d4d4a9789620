package dev.pairing.flink.matching;

import dev.pairing.core.matching.SourceEvent;
import java.util.Arrays;

/** A growable ring of events: added at the back, removed at the front, read at any index. */
final class EventRing {

    private static final int FIRST_CAPACITY = 16;

    private SourceEvent[] slots = new SourceEvent[FIRST_CAPACITY];
    private int front;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(SourceEvent event) {
        if (size == slots.length) {
            grow();
        }
        slots[(front + size) & (slots.length - 1)] = event;
        size++;
    }

    SourceEvent removeFirst() {
        SourceEvent event = slots[front];
        slots[front] = null;
        front = (front + 1) & (slots.length - 1);
        size--;
        return event;
    }

    /** The event {@code index} places behind the front. */
    SourceEvent get(int index) {
        return slots[(front + index) & (slots.length - 1)];
    }

    /** Empties the ring, and gives back the memory of one that had grown. */
    void clear() {
        if (slots.length > FIRST_CAPACITY) {
            slots = new SourceEvent[FIRST_CAPACITY];
        } else {
            Arrays.fill(slots, null);
        }
        front = 0;
        size = 0;
    }

    private void grow() {
        SourceEvent[] larger = new SourceEvent[slots.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = get(i);
        }
        slots = larger;
        front = 0;
    }
}
