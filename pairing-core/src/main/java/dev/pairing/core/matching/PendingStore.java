package dev.pairing.core.matching;

/**
 * The storage port the matcher drives: per complement class, a span and the events at its
 * positions. Engines implement it on their own state (a Kafka Streams KeyValueStore, Flink keyed
 * state), so every decision stays in {@link ComplementMatcher} while state stays fault-tolerant
 * in the engine. Each call touches one entry, which keeps the matcher O(1) per event however long
 * a queue grows.
 *
 * <p>The matcher writes only at the tail and deletes only at the head.
 */
public interface PendingStore {

    /** The class's span, or {@link QueueSpan#EMPTY} when nothing waits. */
    QueueSpan span(int complementClass);

    /** Records the class's span; an empty span means the class holds nothing. */
    void saveSpan(int complementClass, QueueSpan span);

    SourceEvent read(int complementClass, long position);

    void write(int complementClass, long position, SourceEvent event);

    void delete(int complementClass, long position);
}
