package dev.pairing.runtime;

import dev.pairing.kafka.topics.TopicContract;

/**
 * What a runner may do to the pipeline's topics at start: create the missing ones (with these
 * partitions and replication), and whether it accepts compacted outputs.
 *
 * @param partitions            partitions of topics created because they are missing
 * @param replicationFactor     their replication factor, or {@link #CLUSTER_DEFAULT_REPLICATION}
 * @param createTopics          create missing topics; when false, a missing topic is an error naming it
 * @param allowCompactedOutputs start even on compacted output topics (compaction deletes pairs of one class)
 */
public record TopicPolicy(int partitions, short replicationFactor, boolean createTopics, boolean allowCompactedOutputs) {

    /** The cluster's {@code default.replication.factor}, as Kafka's admin API and Kafka Streams spell it. */
    public static final short CLUSTER_DEFAULT_REPLICATION = TopicContract.CLUSTER_DEFAULT_REPLICATION;

    /** Three partitions, the cluster's replication, missing topics created, compacted outputs refused. */
    public static final TopicPolicy DEFAULT = new TopicPolicy(3, CLUSTER_DEFAULT_REPLICATION, true, false);

    public TopicPolicy {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != CLUSTER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + replicationFactor);
        }
    }
}
