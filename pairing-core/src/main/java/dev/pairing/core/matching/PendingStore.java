package dev.pairing.core.matching;

/**
 * The storage port the matcher drives: per complement class, a span and the events at its
 * positions. Engines implement it on their own state (a Kafka Streams KeyValueStore, Flink keyed
 * state), so every decision stays in {@link ComplementMatcher} while state stays fault-tolerant
 * in the engine. Each call touches one entry, which keeps the matcher O(1) per event however long
 * a queue grows.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Read your writes.</b> Every call sees the effect of every earlier call on the same store,
 *       at once; the matcher keeps no copy of its own. Calls come from one thread at a time (the task
 *       that owns the class): a store need not be thread-safe.</li>
 *   <li><b>Classes are independent.</b> A class is a number from 0 to {@code pairSum / 2}; the
 *       span and the positions of one class never affect another's.</li>
 *   <li><b>Spans.</b> {@link #span} returns the span last saved for the class, or
 *       {@link QueueSpan#EMPTY} when none was saved or the last one saved was empty. Saving
 *       {@link QueueSpan#EMPTY} means the class holds nothing: the store may (and should) forget the
 *       class then, since a drained class must leave no state behind.</li>
 *   <li><b>Positions.</b> Positions are longs and only grow while a class holds events; they can
 *       pass {@link Integer#MAX_VALUE}. A drained class starts again at 0, so a position is written
 *       again after its event was deleted.</li>
 *   <li><b>Writes.</b> The matcher writes only at the tail of the class's span, a position that
 *       holds nothing; it never overwrites. A store may refuse an overwrite with an
 *       {@link IllegalStateException} but need not check.</li>
 *   <li><b>Reads.</b> The matcher reads only positions that hold an event (inside the saved span).
 *       A read of a position that holds nothing means the state is corrupt: it must throw
 *       {@link IllegalStateException}, never return null or a default.</li>
 *   <li><b>Deletes.</b> The matcher deletes only the head of the span, a position that holds an
 *       event; afterwards that position holds nothing.</li>
 *   <li><b>The span is saved after the events.</b> The matcher writes or deletes an event before it
 *       saves the span that covers the change; a store that commits in transactions (as both engines
 *       do) commits them together.</li>
 * </ul>
 *
 * <p>{@code pairing-testkit}'s {@code PendingStoreContract} checks these promises on any
 * implementation and that the matcher decides on it exactly as on {@link InMemoryPendingStore}.
 */
public interface PendingStore {

    /**
     * The class's span.
     *
     * @param complementClass the class, 0 to {@code pairSum / 2}
     * @return the span last saved, or {@link QueueSpan#EMPTY} when nothing waits
     */
    QueueSpan span(int complementClass);

    /**
     * Records the class's span, replacing the one saved before.
     *
     * @param complementClass the class, 0 to {@code pairSum / 2}
     * @param span            the new span; {@link QueueSpan#EMPTY} means the class holds nothing
     */
    void saveSpan(int complementClass, QueueSpan span);

    /**
     * The event at a position.
     *
     * @param complementClass the class, 0 to {@code pairSum / 2}
     * @param position        a position that holds an event
     * @return the event written there, never null
     * @throws IllegalStateException when the position holds nothing (corrupt state)
     */
    SourceEvent read(int complementClass, long position);

    /**
     * Stores an event at a position that holds nothing (the span's tail).
     *
     * @param complementClass the class, 0 to {@code pairSum / 2}
     * @param position        the position, possibly one written and deleted before
     * @param event           the waiting event
     */
    void write(int complementClass, long position, SourceEvent event);

    /**
     * Removes the event at a position (the span's head).
     *
     * @param complementClass the class, 0 to {@code pairSum / 2}
     * @param position        a position that holds an event
     */
    void delete(int complementClass, long position);
}
