package dev.pairing.streams;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.placement.ClassKeys;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.streams.classify.ByClassPartitioner;
import dev.pairing.streams.classify.ClassPlacement;
import dev.pairing.streams.classify.ClassifyProcessor;
import dev.pairing.streams.classify.RawIntake;
import dev.pairing.streams.matching.PairingProcessor;
import dev.pairing.streams.matching.RawPairingProcessor;
import dev.pairing.streams.matching.SourceEventSerde;
import dev.pairing.streams.matching.TaskPairing;
import dev.pairing.streams.matching.TaskPairings;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The pipeline as a Kafka Streams topology. Over a raw topic not keyed by class, two sub-topologies:
 *
 * <pre>
 * raw-source -> classify -+-> dead-letter-sink                     (rejected: raw key, raw value, reason headers)
 *                         +-> [by-class repartition, class c to partition c mod P]
 * by-class-repartition-source -> pair (pending store) -+-> enriched-sink
 *                                                      +-> unpaired-sink
 * </pre>
 *
 * Over a raw topic keyed by class ({@code --inputKeyedByClass true}), one: a raw record's whole path
 * is one processor, and only numbers found outside their class's partition take the repartition topic,
 * which brings them to the task of that partition.
 *
 * <pre>
 * raw-source -> pair (pending store) -+-> dead-letter-sink, enriched-sink, unpaired-sink
 *                                     +-> [by-class repartition] -> pair-brought (the same task's store) -> enriched-sink, unpaired-sink
 * </pre>
 *
 * Every processor, the store and the repartition topic have explicit names, so the names of
 * internal topics and state directories stay the same across versions of this code and of Kafka:
 * a renamed store would silently start empty after an upgrade. The pending store's tasks are those of
 * sub-topology 1 (unkeyed) and 0 (keyed), as before processors were fused, so state directories carry on.
 */
public final class PairingTopology {

    public static final String SOURCE = "raw-source";
    /** Unkeyed input: reads raw records, writes dead letters, sends valid numbers to the repartition topic. */
    public static final String CLASSIFY = "classify";
    /** The repartition topic is {@code <application.id>-by-class-repartition}. */
    public static final String BY_CLASS = "by-class";
    /**
     * The first node of the path to the repartition topic, which Kafka Streams names after it; the
     * processors send numbers to it by name.
     */
    public static final String BY_CLASS_ENTRY = BY_CLASS + "-repartition-filter";
    /** Pairs on the pending store: the repartition topic's numbers (unkeyed), or raw records' whole path (keyed). */
    public static final String PAIR = "pair";
    /** Keyed input: pairs the numbers the repartition topic brings, on the same task's store. */
    public static final String PAIR_BROUGHT = "pair-brought";
    /** The pending store; its changelog is {@code <application.id>-pending-changelog}. */
    public static final String PENDING_STORE = "pending";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String ENRICHED_SINK = "enriched-sink";
    public static final String UNPAIRED_SINK = "unpaired-sink";

    private PairingTopology() {}

    /**
     * The topology over a raw topic that is not keyed by class, dead-letter topics as this runner
     * creates them, with headroom: what a TopologyTestDriver test wants.
     *
     * @param spec the pipeline: pairSum, limits, topics, formats
     * @return the topology, every node and store named
     */
    public static Topology build(PipelineSpec spec) {
        return builder(spec).build();
    }

    /**
     * The topology as the runner builds it, from its config and what start-up learnt of the topics.
     *
     * @param config the runner's config
     * @param ready  what {@link PipelineStartup} found (registered output, dead-letter limit, raw partitions)
     * @return the topology, every node and store named
     */
    public static Topology build(StreamsRunnerConfig config, PipelineStartup.Ready ready) {
        Builder builder = builder(ready.spec()).deadLetterLimit(ready.deadLetterLimit()).rawPartitions(ready.rawPartitions());
        return (config.inputKeyedByClass() ? builder.inputKeyedByClass(ready.rawPartitions()) : builder).build();
    }

    /**
     * A builder of the topology for a pipeline, to state what is known of its topics.
     *
     * @param spec the pipeline: pairSum, limits, topics, formats
     * @return a new builder: unkeyed raw input, dead-letter topics with headroom
     */
    public static Builder builder(PipelineSpec spec) {
        return new Builder(spec);
    }

    /** What the topology depends on beyond the pipeline: the raw topic's partitions and keys, the dead-letter limit. */
    public static final class Builder {
        private final PipelineSpec spec;
        private boolean inputKeyedByClass;
        private int rawPartitions = 1;
        private int deadLetterLimit = TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES;

        private Builder(PipelineSpec spec) {
            this.spec = spec;
        }

        /**
         * The raw topic's partition count (1 unless said): it places every class, class {@code c} in
         * partition {@code c mod partitions} of the raw and the repartition topic, and the pending state
         * is stamped with it, so that state placed over another count is refused instead of misread.
         *
         * @param partitions the raw topic's partition count
         * @return this builder
         */
        public Builder rawPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("the raw topic has at least one partition, got " + partitions);
            }
            this.rawPartitions = partitions;
            return this;
        }

        /**
         * The raw topic is keyed by complement class and placed by the producer's
         * {@code ClassPartitioner}, so each class lives in partition {@code c mod partitions}: only
         * numbers found elsewhere take the repartition topic.
         *
         * @param partitions the raw topic's partition count, which decides each class's home partition
         * @return this builder
         */
        public Builder inputKeyedByClass(int partitions) {
            rawPartitions(partitions);
            this.inputKeyedByClass = true;
            return this;
        }

        /**
         * @param limit the most bytes a dead letter may take on its topic (see
         *              {@link TopicContract#deadLetterLimit}); larger ones are truncated
         * @return this builder
         */
        public Builder deadLetterLimit(int limit) {
            this.deadLetterLimit = limit;
            return this;
        }

        /**
         * The topology.
         *
         * @return the topology, every node and store named
         */
        public Topology build() {
            return PairingTopology.build(spec, inputKeyedByClass, rawPartitions, deadLetterLimit);
        }
    }

    private static Topology build(PipelineSpec config, boolean inputKeyedByClass, int rawPartitions,
            int deadLetterLimit) {
        PairingRules rules = config.rules();
        ClassKeys keys = new ClassKeys(rules.classCount());
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray())
                // a class rewrites its head key and its last chunk with every event: the cache folds a commit's
                // rewrites of a key into one changelog record and one RocksDB write
                .withCachingEnabled());
        TaskPairings pairings = new TaskPairings(new TaskPairing.Settings(rules, config.limits(), PENDING_STORE,
                OutputRecords.of(config), rawPartitions, ENRICHED_SINK, UNPAIRED_SINK));
        Repartitioned<byte[], SourceEvent> byClass = Repartitioned.with(Serdes.ByteArray(), new SourceEventSerde())
                .withName(BY_CLASS).withStreamPartitioner(new ByClassPartitioner());

        KStream<byte[], byte[]> raw = builder.stream(config.rawTopic(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE));
        String[] readers;
        String[] pairers;
        if (!inputKeyedByClass) {
            // one class, one task: otherwise a number and its complement could wait in two stores forever
            KStream<byte[], Object> classified = raw.process(() -> new ClassifyProcessor(intake(config, rules,
                    deadLetterLimit), keys, BY_CLASS_ENTRY), Named.as(CLASSIFY));
            numbers(classified).repartition(byClass)
                    .process(() -> new PairingProcessor(pairings, true), Named.as(PAIR), PENDING_STORE);
            readers = new String[] {CLASSIFY};
            pairers = new String[] {PAIR};
        } else {
            ClassPlacement placement = new ClassPlacement(rules, rawPartitions);
            KStream<byte[], Object> strays = raw.process(() -> new RawPairingProcessor(intake(config, rules,
                    deadLetterLimit), placement, keys, BY_CLASS_ENTRY, pairings), Named.as(PAIR), PENDING_STORE);
            numbers(strays).repartition(byClass.withNumberOfPartitions(rawPartitions))
                    .process(() -> new PairingProcessor(pairings, false), Named.as(PAIR_BROUGHT), PENDING_STORE);
            readers = new String[] {PAIR};
            pairers = new String[] {PAIR, PAIR_BROUGHT};
        }
        // the sinks take records from either pairing processor, which the DSL's to() cannot say
        Topology topology = builder.build();
        ByteArraySerializer bytes = new ByteArraySerializer();
        topology.addSink(DEAD_LETTER_SINK, config.deadLetterTopic(), bytes, bytes, readers);
        topology.addSink(ENRICHED_SINK, config.enrichedTopic(), bytes, bytes, pairers);
        topology.addSink(UNPAIRED_SINK, config.unpairedTopic(), bytes, bytes, pairers);
        return topology;
    }

    private static RawIntake intake(PipelineSpec config, PairingRules rules, int deadLetterLimit) {
        return new RawIntake(rules, config.rawTopic(), deadLetterLimit, config.registry(), DEAD_LETTER_SINK);
    }

    /** The processors send only numbers down the path to the repartition topic (by name, to {@link #BY_CLASS_ENTRY}). */
    @SuppressWarnings("unchecked")
    private static KStream<byte[], SourceEvent> numbers(KStream<byte[], Object> stream) {
        return (KStream<byte[], SourceEvent>) (KStream<byte[], ?>) stream;
    }
}
