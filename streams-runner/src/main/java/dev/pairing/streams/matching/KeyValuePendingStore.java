package dev.pairing.streams.matching;

import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's storage port on a Kafka Streams key-value store (persistent RocksDB, changelogged,
 * behind Kafka Streams' record cache).
 *
 * <p>A class's waiting events sit in chunks of {@link PendingChunk#EVENTS} under one key each, and
 * a head key says where the oldest one is ({@link ClassQueue}). So an event costs one store write
 * (its chunk when it waits, the head key when it pairs), and the keys a class writes grow by one per
 * {@link PendingChunk#EVENTS} waiting numbers, not one per number: the record cache folds a commit's
 * rewrites of a key into one changelog record, so a commit writes a record per class touched plus
 * one per chunk begun or left, however deep the queues.
 *
 * <p>The heap holds, per class, the chunk with the oldest event and the chunk taking writes, so
 * memory does not grow with the queues: events between those two live in the store only (the
 * matcher reads only the oldest). Classes numbered below {@link #RESIDENT_CLASSES} stay once read;
 * of the others (pairSums above 2,046), the {@link #CACHED_CLASSES} used last stay, and a class
 * that leaves is read from the store again when it is next used. At most about 6 MB each way.
 *
 * <p>A class is read from the store when first used. Reading writes nothing: keys found to hold
 * nothing any more are deleted with the class's next write, as a changelogged store takes writes only
 * while a record is processed.
 */
public final class KeyValuePendingStore implements PendingStore {

    /**
     * The layout of this store: chunk and head keys of {@link PendingKeys}, events in
     * {@link SourceEventSerde}'s layout, classes placed by {@link dev.pairing.placement.ClassSpread}.
     * Raise it with any change a store written before cannot be read with. Layouts 1 and 2 (a key per
     * event) are read in place.
     */
    public static final int LAYOUT = 3;

    /** Classes 0 to 1,023 stay on the heap once read (about 6 KB each at most). */
    static final int RESIDENT_CLASSES = 1024;

    /** Of the classes from {@link #RESIDENT_CLASSES} on, how many stay on the heap; the one used longest ago leaves. */
    static final int CACHED_CLASSES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KeyValuePendingStore.class);

    private final KeyValueStore<Bytes, byte[]> store;
    private final ClassQueue[] resident = new ClassQueue[RESIDENT_CLASSES];
    private final Map<Integer, ClassQueue> cached = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ClassQueue> eldest) {
            if (size() <= CACHED_CLASSES) {
                return false;
            }
            if (eldest.getValue().size() == 0) {
                eldest.getValue().forget(); // a drained class leaves no keys behind
            }
            return true;
        }
    };

    /**
     * The port on a store that may already hold waiting events (a restored task); they are read as
     * their classes are used.
     *
     * @param store the task's pending store
     */
    public KeyValuePendingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public QueueSpan span(int complementClass) {
        return queue(complementClass).span();
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        queue(complementClass).saveSpan(span);
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        return queue(complementClass).read(position);
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        queue(complementClass).write(position, event);
    }

    @Override
    public void delete(int complementClass, long position) {
        queue(complementClass).delete(position);
    }

    /**
     * The classes the store has keys of (waiting events, or a drained class's last chunk), ascending:
     * what a sweep of expired events must visit. Read from the store, so it covers the classes not on the heap.
     *
     * @return class numbers
     */
    public List<Integer> classesWithState() {
        List<Integer> classes = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> heads = store.range(PendingKeys.FIRST_HEAD, PendingKeys.LAST_HEAD)) {
            while (heads.hasNext()) {
                classes.add(PendingKeys.classOfHead(heads.next().key));
            }
        }
        return classes;
    }

    /**
     * The classes of {@link #classesWithState} that stay on the heap once read (below
     * {@link #RESIDENT_CLASSES}): reading them (as a restored task's gauges do) makes no other class
     * leave the heap, and so writes nothing.
     *
     * @return class numbers, ascending
     */
    public List<Integer> residentClassesWithState() {
        return classesWithState().stream().filter(cls -> cls < RESIDENT_CLASSES).toList();
    }

    /**
     * Gives every class that still has events of layouts 1 or 2 (a key per event) its head key, so
     * that {@link #classesWithState} finds it; the events themselves are read in place as they leave.
     * Called once, with the first record after such a store is continued.
     */
    public void adoptLegacyClasses() {
        int from = 0;
        while (true) {
            int complementClass;
            try (KeyValueIterator<Bytes, byte[]> events = store.range(PendingKeys.legacyEvent(from, 0),
                    PendingKeys.LAST_LEGACY_EVENT)) {
                if (!events.hasNext()) {
                    return;
                }
                complementClass = PendingKeys.classOfLegacyEvent(events.next().key);
            }
            queue(complementClass).storeHeadIfMissing();
            if (complementClass == Integer.MAX_VALUE) {
                return;
            }
            from = complementClass + 1;
        }
    }

    /**
     * Whether the store holds events in layout 1 or 2 (a key per event).
     *
     * @param store a pending store
     * @return true when at least one such event is there
     */
    public static boolean holdsLegacyEvents(KeyValueStore<Bytes, byte[]> store) {
        try (KeyValueIterator<Bytes, byte[]> events = store.range(PendingKeys.FIRST_LEGACY_EVENT,
                PendingKeys.LAST_LEGACY_EVENT)) {
            return events.hasNext();
        }
    }

    private ClassQueue queue(int complementClass) {
        if (complementClass < RESIDENT_CLASSES) {
            ClassQueue queue = resident[complementClass];
            if (queue == null) {
                queue = load(complementClass);
                resident[complementClass] = queue;
            }
            return queue;
        }
        ClassQueue queue = cached.get(complementClass);
        if (queue == null) {
            queue = load(complementClass);
            cached.put(complementClass, queue);
        }
        return queue;
    }

    private ClassQueue load(int complementClass) {
        if (complementClass < 0) {
            throw new IllegalArgumentException("a class is 0 or more, got " + complementClass);
        }
        ClassQueue queue = ClassQueue.load(complementClass, store);
        if (queue.skippedPositions() > 0) {
            LOG.warn("class {} of this task's pending store had {} positions that hold nothing before or between its "
                    + "{} waiting numbers, as a crash in the middle of a commit under at-least-once leaves them "
                    + "(exactly-once does not): skipped, and the numbers continue in order", complementClass,
                    queue.skippedPositions(), queue.size());
        }
        return queue;
    }
}
