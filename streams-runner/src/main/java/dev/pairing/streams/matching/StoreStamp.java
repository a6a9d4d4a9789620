package dev.pairing.streams.matching;

import dev.pairing.core.matching.PendingStateStamp;
import dev.pairing.runtime.StampRefusal;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a task's pending store was written with: the core's stamp (the pairSum and the layout) and the
 * raw topic's partition count, which places every class ({@code ClassSpread}: class {@code c} in
 * partition {@code c mod partitions}). A task holds the classes of its partition; under another count
 * (or another placement) a class's new numbers would go to another task than the numbers it has
 * waiting, and they would never pair. Layouts 1 and 2 did not record the count: they placed classes by
 * the hash of their key, which agrees with this placement only over one partition.
 *
 * @param pending    pairSum and layout
 * @param partitions the raw topic's partitions the classes were placed over; 0 for layouts 1 and 2
 */
record StoreStamp(PendingStateStamp pending, int partitions) {

    /**
     * The stamp a store was written with.
     *
     * @param store a pending store
     * @return its stamp, or null for a store that has none (new, or written before stamps existed)
     */
    static StoreStamp of(KeyValueStore<Bytes, byte[]> store) {
        byte[] bytes = store.get(PendingKeys.STAMP);
        if (bytes == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        PendingStateStamp pending = PendingStateStamp.fromPacked(in.getLong());
        return new StoreStamp(pending, in.remaining() >= 4 ? in.getInt() : 0);
    }

    void saveTo(KeyValueStore<Bytes, byte[]> store) {
        store.put(PendingKeys.STAMP, ByteBuffer.allocate(12).putLong(pending.packed()).putInt(partitions).array());
    }

    /**
     * Why a store stamped {@code stored} cannot be continued by a task stamped like this one.
     *
     * @param stored    the stamp found, or null
     * @param holdsEvents whether the store holds waiting events (for a store without a stamp)
     * @param startOver how to start over, as the end of a sentence
     * @return the refusal for the operator, or null when the state can be continued
     */
    String refusal(StoreStamp stored, boolean holdsEvents, String startOver) {
        if (stored == null) {
            // written before stamps existed (layout 1) when it holds events, else new
            return holdsEvents ? placementRefusal(1, startOver) : null;
        }
        int layout = stored.pending.layout();
        if (layout > KeyValuePendingStore.LAYOUT) {
            return StampRefusal.of(stored.pending, pending, "start the runner", startOver);
        }
        // the pairSum first, in the sentence both engines use (asked at the stored layout, which this version reads)
        String pairSum = StampRefusal.of(stored.pending, new PendingStateStamp(layout, pending.pairSum()),
                "start the runner", startOver);
        if (pairSum != null) {
            return pairSum;
        }
        if (layout < KeyValuePendingStore.LAYOUT) {
            return placementRefusal(layout, startOver);
        }
        if (stored.partitions != partitions) {
            return "the pending state was written with the raw topic at " + stored.partitions + " partitions, but it"
                    + " has " + partitions + " now: class c belongs in partition c mod the partition count, so classes"
                    + " would move to other tasks and leave their waiting numbers behind. To continue this state, read a"
                    + " raw topic of " + stored.partitions + " partitions; to start over, " + startOver;
        }
        return null;
    }

    /** Null when layout 1 or 2 state can be continued: over one partition both placements put every class in it. */
    private String placementRefusal(int layout, String startOver) {
        if (partitions == 1) {
            return null;
        }
        return "the pending state was written in state layout " + layout + ", which placed classes over the raw"
                + " partitions by the hash of their key; this version places class c in partition c mod " + partitions
                + " (as the producer's ClassPartitioner does), so numbers waiting in one task would have their"
                + " complements sent to another. To continue this state, run the version that wrote it; to start over"
                + " with this one, " + startOver;
    }
}
