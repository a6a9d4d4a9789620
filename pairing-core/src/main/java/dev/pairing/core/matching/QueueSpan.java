package dev.pairing.core.matching;

/**
 * The positions a class's FIFO occupies: {@code head} is the oldest waiting event, {@code tail}
 * the position the next one is written to. Positions only grow while the queue is non-empty;
 * an emptied queue starts again at {@link #EMPTY}, so drained classes leave no state behind.
 *
 * @param head the position of the oldest waiting event
 * @param tail the position the next event is written to; {@code head == tail} when nothing waits
 */
public record QueueSpan(long head, long tail) {

    /** Nothing waits. */
    public static final QueueSpan EMPTY = new QueueSpan(0, 0);

    /**
     * A span; positions never run backwards.
     *
     * @param head the position of the oldest waiting event
     * @param tail the position the next event is written to
     * @throws IllegalArgumentException when {@code head < 0} or {@code tail < head}
     */
    public QueueSpan {
        if (head < 0 || tail < head) {
            throw new IllegalArgumentException("bad span [" + head + ", " + tail + ")");
        }
    }

    /**
     * How many events wait.
     *
     * @return {@code tail - head}
     */
    public long size() {
        return tail - head;
    }

    /**
     * Whether nothing waits.
     *
     * @return {@code head == tail}
     */
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
