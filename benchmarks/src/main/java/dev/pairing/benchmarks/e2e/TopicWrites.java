package dev.pairing.benchmarks.e2e;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What one drain wrote to the broker, by kind of topic: the difference of two
 * {@link BrokerOffsets#logs()} snapshots, one before the run starts and one after it stopped. Records
 * are end offsets, so they include the transaction markers (one per partition a transaction wrote
 * to, per commit: at 10 commits a second a few thousand, against millions of records); bytes are the
 * growth of the partitions' logs on disk.
 *
 * @param records offsets written, by kind
 * @param bytes   log bytes written, by kind
 */
record TopicWrites(Map<Kind, Long> records, Map<Kind, Long> bytes) {

    /** Where a record went. */
    enum Kind {
        /** the run's output topics: pairs, dead letters, unpaired; a copy's one topic */
        OUTPUTS("outputs"),
        /** Kafka Streams' changelogs of the run's stores ({@code <application.id>-<store>-changelog}) */
        CHANGELOGS("changelogs"),
        /** Kafka Streams' repartition topics ({@code <application.id>-<name>-repartition}) */
        REPARTITIONS("repartitions"),
        /** offsets and transaction coordination ({@code __consumer_offsets}, {@code __transaction_state}) */
        KAFKA_INTERNAL("kafkaInternal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in bench.json and the tables. */
        String label() {
            return label;
        }
    }

    static final TopicWrites NONE = new TopicWrites(Map.of(), Map.of());

    TopicWrites {
        records = Collections.unmodifiableMap(copy(records));
        bytes = Collections.unmodifiableMap(copy(bytes));
    }

    /**
     * What the run wrote between the two snapshots: each partition's growth, counted under its
     * topic's kind; topics of other runs and the raw topics are left out. A log that shrank (the
     * log cleaner compacting {@code __consumer_offsets}) counts as 0 bytes.
     */
    static TopicWrites between(Map<TopicPartition, BrokerOffsets.PartitionLog> before,
            Map<TopicPartition, BrokerOffsets.PartitionLog> after, RunTopics run) {
        Map<Kind, Long> records = new EnumMap<>(Kind.class);
        Map<Kind, Long> bytes = new EnumMap<>(Kind.class);
        after.forEach((partition, log) -> kindOf(partition.topic(), run).ifPresent(kind -> {
            BrokerOffsets.PartitionLog earlier = before.getOrDefault(partition, new BrokerOffsets.PartitionLog(0, 0));
            records.merge(kind, Math.max(0, log.endOffset() - earlier.endOffset()), Long::sum);
            bytes.merge(kind, Math.max(0, log.bytes() - earlier.bytes()), Long::sum);
        }));
        return new TopicWrites(records, bytes);
    }

    /** The kind of a topic for this run, or empty when the run does not write it. */
    static Optional<Kind> kindOf(String topic, RunTopics run) {
        if (run.outputs().contains(topic)) {
            return Optional.of(Kind.OUTPUTS);
        }
        if (topic.equals("__consumer_offsets") || topic.equals("__transaction_state")) {
            return Optional.of(Kind.KAFKA_INTERNAL);
        }
        if (topic.startsWith(run.groupId() + "-")) {
            if (topic.endsWith("-changelog")) {
                return Optional.of(Kind.CHANGELOGS);
            }
            if (topic.endsWith("-repartition")) {
                return Optional.of(Kind.REPARTITIONS);
            }
        }
        return Optional.empty();
    }

    /** The run's own topics' records (outputs, changelogs, repartitions) per input event; Kafka's internal ones apart. */
    double recordsPerEvent(long inputs) {
        return (of(records, Kind.OUTPUTS) + of(records, Kind.CHANGELOGS) + of(records, Kind.REPARTITIONS))
                / (double) inputs;
    }

    /** As {@link #recordsPerEvent}, in bytes of log. */
    double bytesPerEvent(long inputs) {
        return (of(bytes, Kind.OUTPUTS) + of(bytes, Kind.CHANGELOGS) + of(bytes, Kind.REPARTITIONS)) / (double) inputs;
    }

    /** Records of one kind per input event. */
    double recordsPerEvent(Kind kind, long inputs) {
        return of(records, kind) / (double) inputs;
    }

    /** The run's own topics' records per input event, by kind, Kafka's internal ones last. */
    Map<Kind, Double> recordsPerEventByKind(long inputs) {
        Map<Kind, Double> per = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            per.put(kind, recordsPerEvent(kind, inputs));
        }
        return per;
    }

    /** The run's own topics (outputs, changelogs, repartitions) to delete after it: every such topic in {@code logs}. */
    static java.util.Set<String> runTopicsIn(java.util.Collection<TopicPartition> partitions, RunTopics run) {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        for (TopicPartition p : partitions) {
            kindOf(p.topic(), run).filter(k -> k != Kind.KAFKA_INTERNAL).ifPresent(k -> topics.add(p.topic()));
        }
        return topics;
    }

    private static long of(Map<Kind, Long> m, Kind kind) {
        return m.getOrDefault(kind, 0L);
    }

    private static Map<Kind, Long> copy(Map<Kind, Long> m) {
        Map<Kind, Long> c = new EnumMap<>(Kind.class);
        c.putAll(m);
        return c;
    }
}
