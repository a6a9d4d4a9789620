package dev.pairing.streams.matching;

import dev.pairing.core.matching.SourceEvent;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Up to {@link #EVENTS} consecutive waiting events of one class under one store key: chunk {@code i}
 * holds store positions {@code i * EVENTS + start} to {@code i * EVENTS + start + count - 1}. A chunk
 * only grows at its end; events leave it when the class's head moves past them (the head is kept in its
 * own key, so a pair rewrites eight bytes, not the chunk), and the chunk is deleted once the head has
 * left it. So a class writes a new key every {@link #EVENTS} waiting numbers, and Kafka Streams' record
 * cache folds the rewrites of a chunk within a commit into one changelog record.
 *
 * <p>Value: a format byte, {@code start}, {@code count}, then the events in {@link SourceEventSerde}'s
 * layout without its format byte.
 */
final class PendingChunk {

    /**
     * Events per chunk. A changelog record per 32 waiting numbers at most, and an append copies half a
     * chunk (about 500 bytes) on average.
     */
    static final int EVENTS = 32;

    private static final byte FORMAT_V1 = 1;
    private static final int HEADER = 3;

    final long index;
    final Bytes key;
    private int start;
    private int count;
    private final SourceEvent[] events = new SourceEvent[EVENTS];
    private byte[] bytes;

    private PendingChunk(long index, Bytes key, int start) {
        this.index = index;
        this.key = key;
        this.start = start;
        this.bytes = new byte[] {FORMAT_V1, (byte) start, 0};
    }

    /** An empty chunk whose first event will be at {@code position}. */
    static PendingChunk startingAt(int complementClass, long position) {
        long index = position / EVENTS;
        return new PendingChunk(index, PendingKeys.chunk(complementClass, index), (int) (position - index * EVENTS));
    }

    /** A stored chunk, its events decoded. */
    static PendingChunk decode(Bytes key, byte[] value) {
        checkFormat(key, value);
        PendingChunk chunk = new PendingChunk(PendingKeys.indexOfChunk(key), key, value[1]);
        chunk.count = value[2];
        ByteBuffer in = ByteBuffer.wrap(value, HEADER, value.length - HEADER);
        for (int i = 0; i < chunk.count; i++) {
            chunk.events[chunk.start + i] = SourceEventSerde.readBody(in);
        }
        chunk.bytes = value;
        return chunk;
    }

    /** The first store position a stored chunk holds, without decoding it. */
    static long firstOf(Bytes key, byte[] value) {
        checkFormat(key, value);
        return PendingKeys.indexOfChunk(key) * EVENTS + value[1];
    }

    /** One past the last store position a stored chunk holds, without decoding it. */
    static long endOf(Bytes key, byte[] value) {
        return firstOf(key, value) + value[2];
    }

    long first() {
        return index * EVENTS + start;
    }

    long end() {
        return first() + count;
    }

    /** True when no more events fit: the next position belongs to the next chunk. */
    boolean isFull() {
        return start + count == EVENTS;
    }

    boolean holds(long position) {
        return position >= first() && position < end();
    }

    SourceEvent event(long position) {
        if (!holds(position)) {
            throw new IllegalStateException("chunk " + index + " holds positions " + first() + " to " + (end() - 1)
                    + ", not " + position);
        }
        return events[(int) (position - index * EVENTS)];
    }

    /**
     * Adds an event at {@link #end()}.
     *
     * @return the chunk's new value, a new array: the one given to the store before is never changed
     */
    byte[] append(SourceEvent event) {
        if (isFull()) {
            throw new IllegalStateException("chunk " + index + " is full");
        }
        int size = SourceEventSerde.bodySize(event);
        byte[] grown = Arrays.copyOf(bytes, bytes.length + size);
        SourceEventSerde.writeBody(ByteBuffer.wrap(grown, bytes.length, size), event);
        events[start + count] = event;
        count++;
        grown[2] = (byte) count;
        bytes = grown;
        return grown;
    }

    /** Forgets every event, so that the next append writes the chunk's first position again. */
    void restart() {
        Arrays.fill(events, null);
        start = 0;
        count = 0;
        bytes = new byte[] {FORMAT_V1, 0, 0};
    }

    private static void checkFormat(Bytes key, byte[] value) {
        if (value == null || value.length < HEADER || value[0] != FORMAT_V1 || value[1] < 0 || value[2] < 0
                || value[1] + value[2] > EVENTS) {
            throw new IllegalStateException("the pending store's chunk " + PendingKeys.indexOfChunk(key)
                    + " is not a chunk of format " + FORMAT_V1 + ": the store is corrupt");
        }
    }
}
