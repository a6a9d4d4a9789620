package dev.pairing.streams.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One class's waiting events in the pending store, and the two chunks of them the heap holds: the
 * one with the oldest event (the only one the matcher reads) and the one taking the next write.
 * The events between live in the store only, so the heap a class takes does not grow with its queue.
 *
 * <p>The store has its own positions, which never run backwards while the class has keys: the
 * matcher's span starts at 0 again whenever the class drains, and this class maps the matcher's
 * positions onto the store's. Its head key says where the oldest waiting event is, so a pair rewrites
 * that key alone; a chunk is deleted when the head leaves it. A class that drains at the end of a full
 * chunk writes that chunk again from its start, so a class that keeps draining (pairs arriving as fast
 * as numbers wait) keeps rewriting the same two keys.
 *
 * <p>Loading reads the head key and scans the class's chunks (their headers, decoding two), and
 * accepts whatever it finds: under at-least-once a crash in the middle of a commit can leave a
 * chunk's deletion or rewrite in the changelog without the head key's, which shows as positions that
 * hold nothing (holes). Those positions are skipped; nothing that still waited can be lost that way,
 * as a chunk is deleted only after the head has passed it and only grows while it holds events.
 *
 * <p>Positions below {@code legacyEnd} are events of layouts 1 and 2 (a key per event), read and
 * deleted in place as the head passes them.
 */
final class ClassQueue {

    private final int complementClass;
    private final KeyValueStore<Bytes, byte[]> store;
    private final Bytes headKey;

    // the matcher's view: events at its positions logicalHead .. logicalHead + size - 1
    private QueueSpan span = QueueSpan.EMPTY;
    private long logicalHead;
    private long size;

    // the store's positions
    private long physicalHead;
    private long physicalTail;
    private long legacyEnd;
    private boolean headStored;
    /** Store positions in [physicalHead, physicalTail) that hold nothing, as [from, to) in order; normally none. */
    private final ArrayDeque<long[]> holes = new ArrayDeque<>();
    private long skipped;

    private PendingChunk headChunk;
    private PendingChunk tailChunk;
    /** Keys found to hold nothing when the class was read, deleted with its next write. */
    private List<Bytes> stale = List.of();

    private ClassQueue(int complementClass, KeyValueStore<Bytes, byte[]> store) {
        this.complementClass = complementClass;
        this.store = store;
        this.headKey = PendingKeys.head(complementClass);
    }

    QueueSpan span() {
        return span;
    }

    /** How many waiting events the store holds for this class. */
    long size() {
        return size;
    }

    /** Store positions skipped when the class was loaded because they held nothing (see the class comment). */
    long skippedPositions() {
        return skipped;
    }

    void saveSpan(QueueSpan saved) {
        if (saved.isEmpty()) {
            if (size != 0) {
                throw new IllegalStateException("class " + complementClass + " still holds " + size
                        + " events, but the span saved is empty");
            }
            span = QueueSpan.EMPTY;
            logicalHead = 0;
            return;
        }
        if (saved.head() != logicalHead || saved.size() != size) {
            throw new IllegalStateException("class " + complementClass + " holds positions " + logicalHead + " to "
                    + (logicalHead + size - 1) + ", but the span saved is " + saved);
        }
        span = saved;
    }

    SourceEvent read(long position) {
        if (position < logicalHead || position >= logicalHead + size) {
            throw new IllegalStateException("nothing at class " + complementClass + " position " + position);
        }
        return eventAt(physical(position));
    }

    void write(long position, SourceEvent event) {
        deleteStale();
        if (size == 0) {
            logicalHead = position; // a drained class starts again wherever the matcher says (0)
            holes.clear();
            physicalHead = physicalTail;
            if (tailChunk != null && tailChunk.isFull() && tailChunk.end() == physicalTail
                    && tailChunk.first() >= legacyEnd) {
                // drained at a full chunk's end: write that chunk again from its start instead of a new key
                tailChunk.restart();
                physicalHead = tailChunk.first();
                physicalTail = physicalHead;
                headStored = false;
            }
        } else if (position != logicalHead + size) {
            throw new IllegalStateException("class " + complementClass + " is written at its tail, position "
                    + (logicalHead + size) + ", not " + position);
        }
        if (tailChunk == null || tailChunk.isFull() || tailChunk.end() != physicalTail) {
            tailChunk = PendingChunk.startingAt(complementClass, physicalTail);
        }
        store.put(tailChunk.key, tailChunk.append(event));
        if (size == 0) {
            headChunk = tailChunk;
        }
        physicalTail++;
        size++;
        if (!headStored) {
            storeHead();
        }
    }

    void delete(long position) {
        if (size == 0 || position != logicalHead) {
            throw new IllegalStateException("class " + complementClass + " deletes at its head, position "
                    + logicalHead + ", not " + position + (size == 0 ? " (it holds nothing)" : ""));
        }
        deleteStale();
        long left = physicalHead;
        if (left < legacyEnd) {
            store.put(PendingKeys.legacyEvent(complementClass, left), null);
        }
        size--;
        logicalHead++;
        physicalHead = size == 0 ? physicalTail : next(left);
        if (size == 0) {
            holes.clear();
        }
        if (headChunk != null && physicalHead >= headChunk.end()) {
            if (headChunk != tailChunk) {
                store.put(headChunk.key, null); // the head has left it
            }
            headChunk = null;
        }
        if (size > 0 && headChunk == null && physicalHead >= legacyEnd) {
            headChunk = tailChunk != null && tailChunk.holds(physicalHead) ? tailChunk : storedChunk(physicalHead);
        }
        storeHead();
    }

    /** Writes the head key if it is not in the store yet, as a class read from layout 2 needs before a sweep finds it. */
    void storeHeadIfMissing() {
        deleteStale();
        if (!headStored) {
            storeHead();
        }
    }

    /** Deletes the keys of a class that holds nothing, so that it takes no room until it receives an event again. */
    void forget() {
        if (size != 0) {
            throw new IllegalStateException("class " + complementClass + " still holds " + size + " events");
        }
        deleteStale();
        if (tailChunk != null) {
            store.put(tailChunk.key, null);
        }
        store.put(headKey, null);
    }

    private void deleteStale() {
        if (!stale.isEmpty()) {
            stale.forEach(key -> store.put(key, null));
            stale = List.of();
        }
    }

    private void storeHead() {
        store.put(headKey, ByteBuffer.allocate(16).putLong(physicalHead).putLong(legacyEnd).array());
        headStored = true;
    }

    /** The store position of one of the matcher's positions: past the head, holes take no positions. */
    private long physical(long position) {
        long target = physicalHead + (position - logicalHead);
        for (long[] hole : holes) {
            if (hole[0] > target) {
                break;
            }
            target += hole[1] - hole[0];
        }
        return target;
    }

    /** The store position after {@code position} that holds an event. */
    private long next(long position) {
        long next = position + 1;
        long[] hole = holes.peekFirst();
        if (hole != null && hole[0] == next) {
            holes.removeFirst();
            next = hole[1];
        }
        return next;
    }

    private SourceEvent eventAt(long physicalPosition) {
        if (physicalPosition < legacyEnd) {
            byte[] bytes = store.get(PendingKeys.legacyEvent(complementClass, physicalPosition));
            if (bytes == null) {
                throw new IllegalStateException("class " + complementClass + " has no event at store position "
                        + physicalPosition + ": the store is corrupt");
            }
            return new SourceEventSerde().fromBytes(bytes);
        }
        if (headChunk != null && headChunk.holds(physicalPosition)) {
            return headChunk.event(physicalPosition);
        }
        if (tailChunk != null && tailChunk.holds(physicalPosition)) {
            return tailChunk.event(physicalPosition);
        }
        return storedChunk(physicalPosition).event(physicalPosition);
    }

    private PendingChunk storedChunk(long physicalPosition) {
        Bytes key = PendingKeys.chunk(complementClass, physicalPosition / PendingChunk.EVENTS);
        byte[] value = store.get(key);
        if (value == null) {
            throw new IllegalStateException("class " + complementClass + " has no chunk for store position "
                    + physicalPosition + ": the store is corrupt");
        }
        return PendingChunk.decode(key, value);
    }

    /**
     * A class as the store holds it (nothing, for a class it has no keys of). Only reads: keys that
     * can hold nothing any more (chunks the head has passed, chunks of a class without a head key) are
     * deleted with the class's next write.
     */
    static ClassQueue load(int complementClass, KeyValueStore<Bytes, byte[]> store) {
        ClassQueue queue = new ClassQueue(complementClass, store);
        byte[] head = store.get(queue.headKey);
        if (head != null) {
            ByteBuffer in = ByteBuffer.wrap(head);
            queue.physicalHead = in.getLong();
            queue.legacyEnd = in.getLong();
            queue.headStored = true;
        }
        long expected = queue.loadLegacy(head == null);
        if (head == null) {
            // chunks without a head key were written after the last commit whose changelog arrived whole
            queue.markStale(0, Long.MAX_VALUE);
            queue.physicalTail = expected;
        } else {
            queue.markStale(0, expected / PendingChunk.EVENTS - 1);
            queue.loadChunks(expected);
        }
        if (queue.size == 0) {
            queue.holes.clear();
            queue.physicalHead = queue.physicalTail;
            queue.headChunk = null;
        } else if (!queue.holes.isEmpty() && queue.holes.peekFirst()[0] == queue.physicalHead) {
            queue.physicalHead = queue.holes.removeFirst()[1];
        }
        if (queue.physicalHead < queue.legacyEnd) {
            queue.headChunk = null; // the head is a layout-2 event; the first chunk is read when the head reaches it
        }
        for (long[] hole : queue.holes) {
            queue.skipped += hole[1] - hole[0];
        }
        queue.span = queue.size == 0 ? QueueSpan.EMPTY : new QueueSpan(0, queue.size);
        return queue;
    }

    /** Reads layout-2 events in place; returns the first store position after them. */
    private long loadLegacy(boolean noHeadKey) {
        if (!noHeadKey && legacyEnd <= physicalHead) {
            return physicalHead;
        }
        long expected = noHeadKey ? -1 : physicalHead;
        long last = -1;
        try (KeyValueIterator<Bytes, byte[]> events = store.range(
                PendingKeys.legacyEvent(complementClass, noHeadKey ? 0 : physicalHead),
                PendingKeys.legacyEvent(complementClass, Long.MAX_VALUE))) {
            while (events.hasNext()) {
                long position = PendingKeys.positionOfLegacyEvent(events.next().key);
                if (!noHeadKey && position >= legacyEnd) {
                    break; // never written by a layout that knew the head key
                }
                if (expected < 0) {
                    physicalHead = position;
                    expected = position;
                }
                hole(expected, position);
                size++;
                expected = position + 1;
                last = position;
            }
        }
        if (noHeadKey) {
            legacyEnd = last + 1;
            return Math.max(expected, 0);
        }
        hole(expected, legacyEnd);
        return Math.max(expected, legacyEnd);
    }

    /** Counts the chunks' events from store position {@code from} on; keeps the first and the last chunk. */
    private void loadChunks(long from) {
        long expected = from;
        KeyValue<Bytes, byte[]> last = null;
        try (KeyValueIterator<Bytes, byte[]> chunks = store.range(
                PendingKeys.chunk(complementClass, from / PendingChunk.EVENTS),
                PendingKeys.chunk(complementClass, Long.MAX_VALUE))) {
            while (chunks.hasNext()) {
                KeyValue<Bytes, byte[]> chunk = chunks.next();
                long first = PendingChunk.firstOf(chunk.key, chunk.value);
                long end = PendingChunk.endOf(chunk.key, chunk.value);
                if (end > expected) {
                    hole(expected, first);
                    size += end - Math.max(first, expected);
                    if (headChunk == null) {
                        headChunk = PendingChunk.decode(chunk.key, chunk.value);
                    }
                    expected = end;
                }
                last = chunk;
            }
        }
        physicalTail = expected;
        if (last != null && PendingChunk.endOf(last.key, last.value) == physicalTail) {
            tailChunk = headChunk != null && headChunk.index == PendingKeys.indexOfChunk(last.key) ? headChunk
                    : PendingChunk.decode(last.key, last.value);
        }
    }

    private void hole(long from, long to) {
        if (to <= from) {
            return;
        }
        long[] last = holes.peekLast();
        if (last != null && last[1] == from) {
            last[1] = to; // one hole, so that skipping it lands on an event
        } else {
            holes.addLast(new long[] {from, to});
        }
    }

    private void markStale(long firstIndex, long lastIndex) {
        if (lastIndex < firstIndex) {
            return;
        }
        List<Bytes> found = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> chunks = store.range(PendingKeys.chunk(complementClass, firstIndex),
                PendingKeys.chunk(complementClass, lastIndex))) {
            while (chunks.hasNext()) {
                found.add(chunks.next().key);
            }
        }
        if (!found.isEmpty()) {
            stale = found;
        }
    }
}
