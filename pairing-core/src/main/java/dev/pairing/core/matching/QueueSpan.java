package dev.pairing.core.matching;

/**
 * The positions a class's FIFO occupies: {@code head} is the oldest waiting event, {@code tail}
 * the position the next one is written to. Positions only grow while the queue is non-empty;
 * an emptied queue starts again at {@link #EMPTY}, so drained classes leave no state behind.
 */
public record QueueSpan(long head, long tail) {

    public static final QueueSpan EMPTY = new QueueSpan(0, 0);

    public QueueSpan {
        if (head < 0 || tail < head) {
            throw new IllegalArgumentException("bad span [" + head + ", " + tail + ")");
        }
    }

    public long size() {
        return tail - head;
    }

    public boolean isEmpty() {
        return head == tail;
    }

    QueueSpan withoutHead() {
        return head + 1 == tail ? EMPTY : new QueueSpan(head + 1, tail);
    }

    QueueSpan withTail() {
        return new QueueSpan(head, tail + 1);
    }
}
