package dev.pairing.streams.classify;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.placement.ClassKey;
import dev.pairing.placement.ClassSpread;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a class-keyed number to its class's partition of the repartition topic ({@link ClassSpread},
 * as the producer's partitioner places raw records), so each task pairs the classes a raw partition
 * of the same number holds and the classes spread evenly over the tasks.
 */
public final class ByClassPartitioner implements StreamPartitioner<byte[], SourceEvent> {

    /** Answers for the classes of small pairSums, made once: Kafka Streams asks for every record. */
    private static final int ANSWERS = 64;

    /** One instance serves every task and thread: the answers are replaced whole, never changed. */
    private volatile Answers answers = new Answers(0, null);

    private record Answers(int partitions, Optional<Set<Integer>>[] byClass) {}

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, SourceEvent value, int numPartitions) {
        int complementClass = ClassKey.decode(key);
        if (complementClass < 0) {
            throw new IllegalStateException("a record for the repartition topic without a class key");
        }
        if (complementClass >= ANSWERS) {
            return Optional.of(Set.of(ClassSpread.partitionOf(complementClass, numPartitions)));
        }
        Answers known = answers;
        if (known.partitions() != numPartitions) {
            known = new Answers(numPartitions, answers(numPartitions));
            answers = known;
        }
        return known.byClass()[complementClass];
    }

    @SuppressWarnings("unchecked")
    private static Optional<Set<Integer>>[] answers(int numPartitions) {
        Optional<Set<Integer>>[] made = new Optional[ANSWERS];
        for (int cls = 0; cls < ANSWERS; cls++) {
            made[cls] = Optional.of(Set.of(ClassSpread.partitionOf(cls, numPartitions)));
        }
        return made;
    }
}
