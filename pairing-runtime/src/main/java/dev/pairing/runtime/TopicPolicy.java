package dev.pairing.runtime;

import dev.pairing.kafka.topics.TopicContract;
import java.util.Objects;

/**
 * What a runner may do to, and accept of, the pipeline's topics at start: create the missing ones
 * (with these partitions and replication), start on compacted outputs, start on outputs another
 * pipeline is writing. Made with {@link #builder()}.
 */
public final class TopicPolicy {

    /** The cluster's {@code default.replication.factor}, as Kafka's admin API and Kafka Streams spell it. */
    public static final short CLUSTER_DEFAULT_REPLICATION = TopicContract.CLUSTER_DEFAULT_REPLICATION;

    /** Three partitions, the cluster's replication, missing topics created, nothing unsafe accepted. */
    public static final TopicPolicy DEFAULT = builder().build();

    private final int partitions;
    private final short replicationFactor;
    private final boolean createTopics;
    private final boolean allowCompactedOutputs;
    private final boolean allowSharedOutputs;

    private TopicPolicy(Builder b) {
        if (b.partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + b.partitions);
        }
        if (b.replicationFactor < 1 && b.replicationFactor != CLUSTER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + b.replicationFactor);
        }
        this.partitions = b.partitions;
        this.replicationFactor = b.replicationFactor;
        this.createTopics = b.createTopics;
        this.allowCompactedOutputs = b.allowCompactedOutputs;
        this.allowSharedOutputs = b.allowSharedOutputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().partitions(partitions).replicationFactor(replicationFactor).createTopics(createTopics)
                .allowCompactedOutputs(allowCompactedOutputs).allowSharedOutputs(allowSharedOutputs);
    }

    /** Partitions of topics created because they are missing. */
    public int partitions() {
        return partitions;
    }

    /** Their replication factor, or {@link #CLUSTER_DEFAULT_REPLICATION}. */
    public short replicationFactor() {
        return replicationFactor;
    }

    /** Create missing topics; when false, a missing topic is an error naming it. */
    public boolean createTopics() {
        return createTopics;
    }

    /** Start even on compacted output topics (compaction deletes pairs of one class). */
    public boolean allowCompactedOutputs() {
        return allowCompactedOutputs;
    }

    /**
     * Start even when another pipeline is writing the output topics (every raw record is then in the
     * ledger twice): for a deliberate hand-over from one pipeline to another.
     */
    public boolean allowSharedOutputs() {
        return allowSharedOutputs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPolicy that && partitions == that.partitions
                && replicationFactor == that.replicationFactor && createTopics == that.createTopics
                && allowCompactedOutputs == that.allowCompactedOutputs && allowSharedOutputs == that.allowSharedOutputs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitions, replicationFactor, createTopics, allowCompactedOutputs, allowSharedOutputs);
    }

    @Override
    public String toString() {
        return "partitions=" + partitions + " replicationFactor="
                + (replicationFactor == CLUSTER_DEFAULT_REPLICATION ? "cluster default" : replicationFactor)
                + " createTopics=" + createTopics + " allowCompactedOutputs=" + allowCompactedOutputs
                + " allowSharedOutputs=" + allowSharedOutputs;
    }

    /** Collects a policy; {@link #build()} checks it. */
    public static final class Builder {
        private int partitions = 3;
        private short replicationFactor = CLUSTER_DEFAULT_REPLICATION;
        private boolean createTopics = true;
        private boolean allowCompactedOutputs;
        private boolean allowSharedOutputs;

        private Builder() {}

        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        public Builder replicationFactor(short value) {
            this.replicationFactor = value;
            return this;
        }

        public Builder createTopics(boolean value) {
            this.createTopics = value;
            return this;
        }

        public Builder allowCompactedOutputs(boolean value) {
            this.allowCompactedOutputs = value;
            return this;
        }

        public Builder allowSharedOutputs(boolean value) {
            this.allowSharedOutputs = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException for fewer than one partition or a replication factor below one
         */
        public TopicPolicy build() {
            return new TopicPolicy(this);
        }
    }
}
