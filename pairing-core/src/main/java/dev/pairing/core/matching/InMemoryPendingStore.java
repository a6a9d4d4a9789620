package dev.pairing.core.matching;

import java.util.Arrays;

/**
 * The port on plain arrays: one growable ring per class. Used by tests, by benchmarks and as the
 * oracle that runner outputs are compared with.
 */
public final class InMemoryPendingStore implements PendingStore {

    /** An empty store. */
    public InMemoryPendingStore() {}

    private static final int INITIAL_CAPACITY = 16;

    private ClassQueue[] queues = new ClassQueue[8];

    @Override
    public QueueSpan span(int complementClass) {
        ClassQueue queue = queueOrNull(complementClass);
        return queue == null ? QueueSpan.EMPTY : queue.span;
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        queue(complementClass).span = span;
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        ClassQueue queue = queueOrNull(complementClass);
        SourceEvent event = queue == null ? null : queue.ring[queue.slot(position)];
        if (event == null) {
            throw new IllegalStateException("nothing at class " + complementClass + " position " + position);
        }
        return event;
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        ClassQueue queue = queue(complementClass);
        queue.ensureRoom(position);
        queue.ring[queue.slot(position)] = event;
    }

    @Override
    public void delete(int complementClass, long position) {
        ClassQueue queue = queue(complementClass);
        queue.ring[queue.slot(position)] = null;
    }

    /**
     * Events waiting in all classes.
     *
     * @return the sum of every class's span size
     */
    public long pendingCount() {
        long total = 0;
        for (ClassQueue queue : queues) {
            total += queue == null ? 0 : queue.span.size();
        }
        return total;
    }

    private ClassQueue queueOrNull(int complementClass) {
        return complementClass < queues.length ? queues[complementClass] : null;
    }

    private ClassQueue queue(int complementClass) {
        if (complementClass >= queues.length) {
            queues = Arrays.copyOf(queues, Math.max(complementClass + 1, queues.length * 2));
        }
        ClassQueue queue = queues[complementClass];
        if (queue == null) {
            queue = new ClassQueue();
            queues[complementClass] = queue;
        }
        return queue;
    }

    private static final class ClassQueue {
        QueueSpan span = QueueSpan.EMPTY;
        SourceEvent[] ring = new SourceEvent[INITIAL_CAPACITY];

        int slot(long position) {
            return (int) (position & (ring.length - 1));
        }

        /** Grows the ring so that positions head..position fit; capacity stays a power of two. */
        void ensureRoom(long position) {
            long needed = position - span.head() + 1;
            if (needed <= ring.length) {
                return;
            }
            int capacity = ring.length;
            while (capacity < needed) {
                capacity <<= 1;
            }
            SourceEvent[] grown = new SourceEvent[capacity];
            for (long p = span.head(); p < position; p++) {
                grown[(int) (p & (capacity - 1))] = ring[slot(p)];
            }
            ring = grown;
        }
    }
}
