package dev.pairing.placement;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * A producer partitioner that puts a record keyed by a complement class ({@link ClassKey}) in the
 * class's partition ({@link ClassSpread}), which spreads the classes over the partitions as evenly as
 * whole classes allow; Kafka's default partitioner hashes the key and, for pairSum 12 over 3
 * partitions, puts classes 0, 2 and 3 in one. Opt in with
 * {@code partitioner.class=dev.pairing.placement.ClassPartitioner}; the Streams runner with
 * {@code --inputKeyedByClass true} expects this placement. A key that names no class is placed as
 * Kafka's default partitioner places a key (its murmur2 hash), and a record without a key goes to a
 * random partition.
 */
public final class ClassPartitioner implements Partitioner {

    /** Made by the producer from {@code partitioner.class}. */
    public ClassPartitioner() {}

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        int complementClass = ClassKey.decode(keyBytes);
        if (complementClass >= 0) {
            return ClassSpread.partitionOf(complementClass, partitions);
        }
        if (keyBytes == null) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
