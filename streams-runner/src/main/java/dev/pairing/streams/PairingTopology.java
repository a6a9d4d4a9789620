package dev.pairing.streams;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.runtime.PipelineStartup;
import dev.pairing.streams.classify.ClassPlacement;
import dev.pairing.streams.classify.Classified;
import dev.pairing.streams.classify.RawRecordClassifier;
import dev.pairing.streams.matching.MatchOutcome;
import dev.pairing.streams.matching.PairingProcessor;
import dev.pairing.streams.matching.SourceEventSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The pipeline as a Kafka Streams topology:
 *
 * <pre>
 * raw-topic (bytes) -> classify -> route -+-> rejected -> raw-events-dlq (raw key, raw value, reason headers)
 *                                         +-> accepted, keyed by class -> [repartition by class]
 *                                               -> pair (pending store) -> outcome -+-> enriched-topic
 *                                                                                   +-> unpaired-topic
 * </pre>
 *
 * With input keyed by class, only the numbers found outside their class's raw partition take the
 * repartition topic, which brings them to the task of that partition.
 *
 * Every processor, the store and the repartition topic have explicit names, so the names of
 * internal topics and state directories stay the same across versions of this code and of Kafka:
 * a renamed store would silently start empty after an upgrade.
 */
public final class PairingTopology {

    public static final String SOURCE = "raw-source";
    public static final String CLASSIFY = "classify";
    public static final String ROUTE = "route";
    public static final String ACCEPTED = "-accepted";
    public static final String REJECTED = "-rejected";
    /** The repartition topic is {@code <application.id>-by-class-repartition}. */
    public static final String BY_CLASS = "by-class";
    /** With input keyed by class: numbers in their class's partition, and the others. */
    public static final String PLACE = "place";
    public static final String HOME = "-home";
    public static final String AWAY = "-away";
    public static final String PAIR = "pair";
    /** The pending store; its changelog is {@code <application.id>-pending-changelog}. */
    public static final String PENDING_STORE = "pending";
    public static final String OUTCOME = "outcome";
    public static final String PAIRS = "-pair";
    public static final String UNPAIRED = "-unpaired";
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
        Builder builder = builder(ready.spec()).deadLetterLimit(ready.deadLetterLimit());
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

    /** What the topology depends on beyond the pipeline: the raw topic's keys and the dead-letter limit. */
    public static final class Builder {
        private final PipelineSpec spec;
        private boolean inputKeyedByClass;
        private int rawPartitions = 1;
        private int deadLetterLimit = TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES;

        private Builder(PipelineSpec spec) {
            this.spec = spec;
        }

        /**
         * The raw topic is keyed by complement class, so each class lives in the partition its key
         * hashes to: only numbers found elsewhere take the repartition topic.
         *
         * @param partitions the raw topic's partition count, which decides each class's home partition
         * @return this builder
         */
        public Builder inputKeyedByClass(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("the raw topic has at least one partition, got " + partitions);
            }
            this.inputKeyedByClass = true;
            this.rawPartitions = partitions;
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
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray())
                // most waiting numbers pair within a commit interval: the cache folds a number's put and
                // its delete into one changelog record and one RocksDB write per commit
                .withCachingEnabled());

        Map<String, KStream<byte[], Classified>> routes = builder
                .stream(config.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new RawRecordClassifier(rules, config.rawTopic(), deadLetterLimit, config.registry()), Named.as(CLASSIFY))
                .split(Named.as(ROUTE))
                .branch(Classified::isAccepted, Branched.as(ACCEPTED))
                .defaultBranch(Branched.as(REJECTED));

        routes.get(ROUTE + REJECTED)
                .mapValues(rejected -> ((Classified.Rejected) rejected).rawValue(), Named.as("dead-letter-value"))
                .to(config.deadLetterTopic(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DEAD_LETTER_SINK));

        KStream<byte[], SourceEvent> valid = routes.get(ROUTE + ACCEPTED)
                .mapValues(accepted -> ((Classified.Accepted) accepted).event(), Named.as("valid-event"));
        // one class, one task: otherwise a number and its complement could wait in two stores forever
        if (!inputKeyedByClass) {
            valid = valid.repartition(Repartitioned.with(Serdes.ByteArray(), new SourceEventSerde()).withName(BY_CLASS));
        } else {
            // the flag is a promise about the producer that one unkeyed record would break silently:
            // a number outside its class's partition goes to the task that owns the class
            ClassPlacement placement = new ClassPlacement(rules, rawPartitions);
            Map<String, KStream<byte[], SourceEvent>> placed = valid.split(Named.as(PLACE))
                    .branch((cls, event) -> placement.isHome(event), Branched.as(HOME))
                    .defaultBranch(Branched.as(AWAY));
            KStream<byte[], SourceEvent> brought = placed.get(PLACE + AWAY).repartition(
                    Repartitioned.with(Serdes.ByteArray(), new SourceEventSerde()).withName(BY_CLASS)
                            .withNumberOfPartitions(rawPartitions));
            valid = placed.get(PLACE + HOME).merge(brought, Named.as("placed"));
        }

        Map<String, KStream<byte[], MatchOutcome>> outcomes = valid
                .process(() -> new PairingProcessor(rules, config.limits(), PENDING_STORE, OutputRecords.of(config)), Named.as(PAIR),
                        PENDING_STORE)
                .split(Named.as(OUTCOME))
                .branch((cls, outcome) -> outcome.isPair(), Branched.as(PAIRS))
                .defaultBranch(Branched.as(UNPAIRED));
        outcomes.get(OUTCOME + PAIRS)
                .mapValues(MatchOutcome::value, Named.as("pair-value"))
                .to(config.enrichedTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(ENRICHED_SINK));
        outcomes.get(OUTCOME + UNPAIRED)
                .mapValues(MatchOutcome::value, Named.as("unpaired-value"))
                .to(config.unpairedTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(UNPAIRED_SINK));
        return builder.build();
    }
}
