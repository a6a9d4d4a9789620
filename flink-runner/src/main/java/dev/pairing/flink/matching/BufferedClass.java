package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;

/**
 * One class's waiting events as {@link KeyedStatePendingStore} sees them between two write-outs:
 * the span the matcher last saved, the positions whose events keyed state holds, and the events
 * written since the last write-out, in memory only.
 *
 * <p>The waiting events are always {@code [stateHead, stateTail)} (in keyed state) followed by
 * {@code [recentHead, recentHead + recent.size())} (in memory), one of them possibly empty. Keyed
 * state also still holds {@code [writtenHead, stateHead)}, events the matcher has deleted since: the
 * next write-out removes them, writes the recent events and the span, and then keyed state alone
 * holds the class again.
 */
final class BufferedClass {

    final int complementClass;
    QueueSpan span;
    private long writtenHead;
    private long stateHead;
    private long stateTail;
    private long recentHead;
    private final EventRing recent = new EventRing();
    /** Whether it is on the store's list of classes called since the last write-out. */
    boolean listed;

    /** A class as keyed state holds it: {@code stored} is its span there. */
    BufferedClass(int complementClass, QueueSpan stored) {
        this.complementClass = complementClass;
        this.span = stored;
        written(stored);
    }

    /** The state-side reads this class needs, under its key. */
    interface Stored {
        SourceEvent read(long position);

        void remove(long position);

        void write(long position, SourceEvent event);

        void saveSpan(QueueSpan span);
    }

    /** The event at a position, or null when the class holds none there. */
    SourceEvent read(long position, Stored stored) {
        if (position >= stateHead && position < stateTail) {
            return stored.read(position);
        }
        long index = position - recentHead;
        return index >= 0 && index < recent.size() ? recent.get((int) index) : null;
    }

    void append(long position, SourceEvent event) {
        if (!recent.isEmpty() && position != recentHead + recent.size()) {
            throw new IllegalStateException("class " + complementClass + " is written at position " + position
                    + ", not at its tail " + (recentHead + recent.size()));
        }
        if (recent.isEmpty()) {
            recentHead = position;
        }
        recent.addLast(event);
    }

    /** Deletes the oldest waiting event, which must sit at {@code position}. */
    void removeHead(long position) {
        if (stateHead < stateTail && position == stateHead) {
            stateHead++; // stays in keyed state until the next write-out removes it
        } else if (!recent.isEmpty() && position == recentHead) {
            recent.removeFirst();
            recentHead++;
        } else {
            throw new IllegalStateException("nothing pending at class " + complementClass + " position " + position
                    + " to delete");
        }
    }

    /** Changes keyed state does not have yet: events to write plus events to remove. */
    long unwritten() {
        return recent.size() + (stateHead - writtenHead);
    }

    /** Brings keyed state up to date; the class's key must be the current key. */
    void writeOut(Stored stored) {
        for (long position = writtenHead; position < stateHead; position++) {
            stored.remove(position);
        }
        for (int i = 0; i < recent.size(); i++) {
            stored.write(recentHead + i, recent.get(i));
        }
        stored.saveSpan(span);
        recent.clear();
        written(span);
    }

    private void written(QueueSpan stored) {
        writtenHead = stored.head();
        stateHead = stored.head();
        stateTail = stored.tail();
        recentHead = stored.tail();
    }
}
