package dev.pairing.verify;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.Arrays;

/**
 * The pending store of verify's replay through pairing-core: a waiting number is only its raw
 * position (8 bytes in a ring per class, charged to the budget as rings grow), and the event is read
 * back from the ledger, which holds it anyway.
 */
final class ReplayQueues implements PendingStore {

    private static final int INITIAL_CAPACITY = 16;

    private final RawLedger ledger;
    private final HeapBudget budget;
    private ClassQueue[] queues = new ClassQueue[8];

    ReplayQueues(RawLedger ledger, HeapBudget budget) {
        this.ledger = ledger;
        this.budget = budget;
    }

    @Override
    public QueueSpan span(int complementClass) {
        return complementClass < queues.length && queues[complementClass] != null
                ? queues[complementClass].span : QueueSpan.EMPTY;
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        queue(complementClass).span = span;
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        long packed = queue(complementClass).at(position);
        int partition = RawLedger.partitionOf(packed);
        long offset = RawLedger.offsetOf(packed);
        return new SourceEvent(ledger.value(partition, offset), partition, offset, ledger.timestamp(partition, offset),
                ledger.sequence(partition, offset));
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        ClassQueue queue = queue(complementClass);
        queue.ensureRoom(position, budget);
        queue.ring[queue.slot(position)] = RawLedger.pack(event.partition(), event.offset());
    }

    @Override
    public void delete(int complementClass, long position) {
        // a position is only a long: the ring slot is simply reused
    }

    private ClassQueue queue(int complementClass) {
        if (complementClass >= queues.length) {
            queues = Arrays.copyOf(queues, Math.max(complementClass + 1, queues.length * 2));
        }
        if (queues[complementClass] == null) {
            budget.charge(INITIAL_CAPACITY * 8L, "numbers waiting in the replay");
            queues[complementClass] = new ClassQueue();
        }
        return queues[complementClass];
    }

    private static final class ClassQueue {
        QueueSpan span = QueueSpan.EMPTY;
        long[] ring = new long[INITIAL_CAPACITY];

        int slot(long position) {
            return (int) (position & (ring.length - 1));
        }

        long at(long position) {
            return ring[slot(position)];
        }

        /** Grows the ring so that positions head..position fit; capacity stays a power of two. */
        void ensureRoom(long position, HeapBudget budget) {
            long needed = position - span.head() + 1;
            if (needed <= ring.length) {
                return;
            }
            int capacity = ring.length;
            while (capacity < needed) {
                capacity <<= 1;
            }
            budget.charge((capacity - ring.length) * 8L, "numbers waiting in the replay");
            long[] grown = new long[capacity];
            for (long p = span.head(); p < position; p++) {
                grown[(int) (p & (capacity - 1))] = ring[slot(p)];
            }
            ring = grown;
        }
    }
}
