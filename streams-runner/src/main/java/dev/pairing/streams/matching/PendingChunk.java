package dev.pairing.streams.matching;

import dev.pairing.core.matching.SourceEvent;
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
 * <p>Value: a format byte, {@code start}, {@code count}, then the events, each as zig-zag varints of
 * its number and of its partition, offset and timestamp less the previous event's, then 0 (no sequence)
 * or 1 and the sequence less the previous event's (or less 0). Numbers of one class read in order sit
 * close together, so an event takes about 8 bytes instead of 37: a chunk's rewrite copies less, and the
 * changelog carries less.
 */
final class PendingChunk {

    /**
     * Events per chunk: a new key (and so a changelog record) per 32 waiting numbers at most, while an
     * append copies half a chunk on average (about 130 bytes).
     */
    static final int EVENTS = 32;

    private static final byte FORMAT_V1 = 1;
    private static final int HEADER = 3;
    /** The most bytes an event takes: five varlongs of at most ten bytes, a varint of five and a flag. */
    private static final int MAX_EVENT_BYTES = 4 * 10 + 5 + 1;

    final long index;
    final Bytes key;
    private int start;
    private int count;
    private final SourceEvent[] events = new SourceEvent[EVENTS];
    private byte[] bytes;
    /** Where an appended event is encoded before the chunk's new value is made: one allocation per append. */
    private byte[] scratch;

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
        Reader in = new Reader(value);
        SourceEvent previous = null;
        for (int i = 0; i < chunk.count; i++) {
            previous = in.event(previous);
            chunk.events[chunk.start + i] = previous;
        }
        if (in.at != value.length) {
            throw new IllegalStateException("the pending store's chunk " + chunk.index + " has " + (value.length - in.at)
                    + " bytes after its " + chunk.count + " events: the store is corrupt");
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
        if (scratch == null) {
            scratch = new byte[MAX_EVENT_BYTES];
        }
        int size = encode(event, count == 0 ? null : events[start + count - 1], scratch);
        byte[] grown = Arrays.copyOf(bytes, bytes.length + size);
        System.arraycopy(scratch, 0, grown, bytes.length, size);
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

    /** Writes an event relative to the one before it in the chunk (null for the first); returns its length. */
    private static int encode(SourceEvent event, SourceEvent previous, byte[] out) {
        int at = varlong(out, 0, event.value());
        at = varlong(out, at, event.partition() - (previous == null ? 0 : previous.partition()));
        at = varlong(out, at, event.offset() - (previous == null ? 0 : previous.offset()));
        at = varlong(out, at, event.timestamp() - (previous == null ? 0 : previous.timestamp()));
        if (event.sequence() == null) {
            out[at++] = 0;
        } else {
            out[at++] = 1;
            at = varlong(out, at, event.sequence() - sequenceOf(previous));
        }
        return at;
    }

    private static long sequenceOf(SourceEvent previous) {
        return previous == null || previous.sequence() == null ? 0 : previous.sequence();
    }

    /** A zig-zag varint, as Avro writes longs. */
    private static int varlong(byte[] out, int at, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out[at++] = (byte) ((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out[at++] = (byte) zigzag;
        return at;
    }

    /** Reads the events of a chunk's value, in order. */
    private static final class Reader {
        private final byte[] in;
        private int at = HEADER;

        Reader(byte[] in) {
            this.in = in;
        }

        SourceEvent event(SourceEvent previous) {
            long value = varlong();
            int partition = (int) (varlong() + (previous == null ? 0 : previous.partition()));
            long offset = varlong() + (previous == null ? 0 : previous.offset());
            long timestamp = varlong() + (previous == null ? 0 : previous.timestamp());
            Long sequence = next() == 0 ? null : varlong() + sequenceOf(previous);
            return new SourceEvent(value, partition, offset, timestamp, sequence);
        }

        private long varlong() {
            long zigzag = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                zigzag |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (zigzag >>> 1) ^ -(zigzag & 1);
                }
            }
            throw new IllegalStateException("a pending chunk holds a varint of more than ten bytes: the store is corrupt");
        }

        private byte next() {
            if (at >= in.length) {
                throw new IllegalStateException("a pending chunk ends inside an event: the store is corrupt");
            }
            return in[at++];
        }
    }

    private static void checkFormat(Bytes key, byte[] value) {
        if (value == null || value.length < HEADER || value[0] != FORMAT_V1 || value[1] < 0 || value[2] < 0
                || value[1] + value[2] > EVENTS) {
            throw new IllegalStateException("the pending store's chunk " + PendingKeys.indexOfChunk(key)
                    + " is not a chunk of format " + FORMAT_V1 + ": the store is corrupt");
        }
    }
}
