package dev.pairing.streams.matching;

import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.core.matching.PendingStore;
import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The core's storage port on a Kafka Streams key-value store (persistent RocksDB, changelogged):
 * the matcher's state is the store, so a restarted or migrated task resumes exactly where the
 * changelog says. The store holds no view of its own; every call is one store operation.
 */
public final class KeyValuePendingStore implements PendingStore {

    /**
     * The layout of this store: the keys of {@link PendingKeys} and the values of {@link SourceEventSerde}.
     * Raise it with any change a store written before cannot be read with.
     */
    public static final int LAYOUT = 1;

    private final KeyValueStore<Bytes, byte[]> store;
    private final SourceEventSerde events = new SourceEventSerde();

    public KeyValuePendingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public QueueSpan span(int complementClass) {
        byte[] bytes = store.get(PendingKeys.span(complementClass));
        if (bytes == null) {
            return QueueSpan.EMPTY;
        }
        ByteBuffer span = ByteBuffer.wrap(bytes);
        return new QueueSpan(span.getLong(), span.getLong());
    }

    @Override
    public void saveSpan(int complementClass, QueueSpan span) {
        if (span.isEmpty()) {
            // a drained class leaves nothing behind, in the store or its changelog's compacted view
            store.delete(PendingKeys.span(complementClass));
        } else {
            store.put(PendingKeys.span(complementClass),
                    ByteBuffer.allocate(16).putLong(span.head()).putLong(span.tail()).array());
        }
    }

    @Override
    public SourceEvent read(int complementClass, long position) {
        byte[] bytes = store.get(PendingKeys.event(complementClass, position));
        if (bytes == null) {
            throw new IllegalStateException("nothing pending at class " + complementClass + " position " + position);
        }
        return events.fromBytes(bytes);
    }

    @Override
    public void write(int complementClass, long position, SourceEvent event) {
        store.put(PendingKeys.event(complementClass, position), events.toBytes(event));
    }

    @Override
    public void delete(int complementClass, long position) {
        store.delete(PendingKeys.event(complementClass, position));
    }

    /** The stamp the store was written with, or null for a store that has none yet. */
    public PendingStateStamp stamp() {
        byte[] bytes = store.get(PendingKeys.STAMP);
        return bytes == null ? null : PendingStateStamp.fromPacked(ByteBuffer.wrap(bytes).getLong());
    }

    public void saveStamp(PendingStateStamp stamp) {
        store.put(PendingKeys.STAMP, ByteBuffer.allocate(8).putLong(stamp.packed()).array());
    }

    /** The classes that hold at least one pending event, in ascending order. */
    public List<Integer> classesWithPending() {
        List<Integer> classes = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> spans = store.range(PendingKeys.FIRST_SPAN, PendingKeys.LAST_SPAN)) {
            spans.forEachRemaining(entry -> classes.add(PendingKeys.classOfSpan(entry.key)));
        }
        return classes;
    }
}
