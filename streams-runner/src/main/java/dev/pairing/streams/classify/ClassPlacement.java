package dev.pairing.streams.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.placement.ClassSpread;

/**
 * The raw partition each complement class belongs in: where the producer's
 * {@link dev.pairing.placement.ClassPartitioner} puts a record keyed by the class, by the same function
 * ({@link ClassSpread}). A valid number found in another partition was produced some other way (no key,
 * another key, another partitioner), and its complements may sit in a different task.
 */
public final class ClassPlacement {

    private final PairingRules rules;
    private final int partitions;

    public ClassPlacement(PairingRules rules, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the raw topic needs at least one partition, got " + partitions);
        }
        this.rules = rules;
        this.partitions = partitions;
    }

    /** The partition of a class. */
    public int partitionOf(int complementClass) {
        return ClassSpread.partitionOf(complementClass, partitions);
    }

    /** True when the event was read from the partition its class belongs in. */
    public boolean isHome(SourceEvent event) {
        return isHome(rules.complementClass(event.value()), event.partition());
    }

    /** True when a number of this class read from this partition is in its class's partition. */
    public boolean isHome(int complementClass, int partition) {
        return partition == partitionOf(complementClass);
    }
}
