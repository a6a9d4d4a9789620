package dev.pairing.streams.classify;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.schemas.codec.ComplementClassKey;
import org.apache.kafka.common.utils.Utils;

/**
 * The raw partition each complement class belongs in: where Kafka's default partitioner puts a
 * record keyed by the class, as the project's producer keys it. A valid number found in another
 * partition was produced some other way (no key, another key, a partition of its own choosing),
 * and its complements may sit in a different task.
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

    /** The partition of a class, by the default partitioner's rule for a keyed record. */
    public int partitionOf(int complementClass) {
        return Utils.toPositive(Utils.murmur2(ComplementClassKey.encode(complementClass))) % partitions;
    }

    /** True when the event was read from the partition its class belongs in. */
    public boolean isHome(SourceEvent event) {
        return event.partition() == partitionOf(rules.complementClass(event.value()));
    }
}
