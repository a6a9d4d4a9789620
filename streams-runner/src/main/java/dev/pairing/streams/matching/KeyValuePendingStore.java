package dev.pairing.streams.matching;

import dev.pairing.core.matching.InMemoryPendingStore;
import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The core's storage port on a Kafka Streams key-value store (persistent RocksDB, changelogged), with
 * the task's waiting events also held in memory.
 *
 * <p>The key-value store is the durable record: every event written or deleted is one store
 * operation in the same call, so the changelog committed with the task's offsets always says exactly
 * which events wait. Everything the matcher reads comes from the in-memory copy, which is loaded from
 * the store when the task starts (after Kafka Streams restored the store from its changelog). So an
 * event costs the store one write (a put when it waits, a delete when it pairs) instead of the reads,
 * deserializations and span rewrites a store-only design needs; in Kafka Streams every store call
 * goes through the metered and caching layers, and those calls were the runner's largest cost.
 *
 * <p>Spans are not stored: a class's events sit at consecutive positions (the matcher writes at the
 * tail and deletes at the head), so the span is the first and last position found when loading. The
 * price is memory (the waiting events twice: RocksDB and the heap, about 80 bytes each on the heap)
 * and a start-up scan of the task's waiting events.
 */
public final class KeyValuePendingStore implements PendingStore {

    /**
     * The layout of this store: event keys of {@link PendingKeys} with values of {@link SourceEventSerde},
     * no span keys. Raise it with any change a store written before cannot be read with.
     */
    public static final int LAYOUT = 2;

    private final KeyValueStore<Bytes, byte[]> store;
    private final SourceEventSerde events = new SourceEventSerde();
    private final InMemoryPendingStore waiting = new InMemoryPendingStore();
    private final BitSet classesWithPending = new BitSet();

    /**
     * The port on a store that may already hold waiting events (a restored task): they are loaded.
     *
     * @param store the task's pending store
     * @throws IllegalStateException when a class's events are not at consecutive positions (corrupt state)
     */
    public KeyValuePendingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        load();
    }

    @Override
    public QueueSpan span(int complementClass) {
        return waiting.span(complementClass);
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        waiting.saveSpan(complementClass, span);
        classesWithPending.set(complementClass, !span.isEmpty());
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        return waiting.read(complementClass, position);
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        waiting.write(complementClass, position, event);
        store.put(PendingKeys.event(complementClass, position), events.toBytes(event));
    }

    @Override
    public void delete(int complementClass, long position) {
        waiting.delete(complementClass, position);
        // a put of null deletes without reading the old value back, as delete() does in every store layer
        store.put(PendingKeys.event(complementClass, position), null);
    }

    /** The stamp the store was written with, or null for a store that has none yet. */
    public PendingStateStamp stamp() {
        return stampOf(store);
    }

    /**
     * The stamp a store was written with, read before loading it (a store of another layout may not load).
     *
     * @param store a pending store
     * @return its stamp, or null for a store that has none yet
     */
    public static PendingStateStamp stampOf(KeyValueStore<Bytes, byte[]> store) {
        byte[] bytes = store.get(PendingKeys.STAMP);
        return bytes == null ? null : PendingStateStamp.fromPacked(ByteBuffer.wrap(bytes).getLong());
    }

    public void saveStamp(PendingStateStamp stamp) {
        store.put(PendingKeys.STAMP, ByteBuffer.allocate(8).putLong(stamp.packed()).array());
    }

    /** The classes that hold at least one pending event, in ascending order. */
    public List<Integer> classesWithPending() {
        return classesWithPending.stream().boxed().toList();
    }

    private void load() {
        try (KeyValueIterator<Bytes, byte[]> stored = store.range(PendingKeys.FIRST_EVENT, PendingKeys.LAST_EVENT)) {
            int cls = -1;
            long head = 0;
            long next = 0;
            while (stored.hasNext()) {
                KeyValue<Bytes, byte[]> entry = stored.next();
                int entryClass = PendingKeys.classOfEvent(entry.key);
                long position = PendingKeys.positionOfEvent(entry.key);
                if (entryClass != cls) {
                    if (cls >= 0) {
                        saveSpan(cls, new QueueSpan(head, next));
                    }
                    cls = entryClass;
                    head = position;
                    next = position;
                    // the queue's ring grows from its head; the tail is saved once the class is read
                    waiting.saveSpan(cls, new QueueSpan(head, head));
                }
                if (position != next) {
                    throw new IllegalStateException("the pending state of class " + cls + " has no event at position "
                            + next + " but one at " + position + ": the store is corrupt");
                }
                waiting.write(cls, position, events.fromBytes(entry.value));
                next = position + 1;
            }
            if (cls >= 0) {
                saveSpan(cls, new QueueSpan(head, next));
            }
        }
    }
}
