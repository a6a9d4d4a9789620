package dev.pairing.runtime;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.Flag;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.UsageException;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The flags every runner shares, each declared once with its one range and help text, and their
 * reading into a {@link PipelineSpec}. The seed's job flags ({@code --pairSum --bootstrapServers
 * --rawTopic --groupId --enrichedTopic --DLQ}) are among them and keep their names. A tool that
 * takes only some of them (the producer, the verifier, the demo) adds those constants to its own
 * {@link FlagSet}: {@link #spec} reads what a command declares and takes the defaults for the rest.
 */
public final class PipelineFlags {

    /** The largest pairSum any command accepts. */
    public static final int MAX_PAIR_SUM = 1_000_000_000;
    /** The most partitions a command creates a topic with. */
    public static final int MAX_PARTITIONS = 10_000;
    /** Where the Kafka client flags point by default. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    public static final Flag<Integer> PAIR_SUM = Flag.integer("pairSum", PairingRules.DEFAULT_PAIR_SUM, 0, MAX_PAIR_SUM,
            "numbers pair when they sum to this; valid numbers are 0..pairSum");
    public static final Flag<String> RAW_TOPIC = Flag.name("rawTopic", PipelineTopics.RAW,
            "topic the raw numbers arrive on (any bytes)");
    public static final Flag<String> GROUP_ID = Flag.name("groupId", PipelineSpec.DEFAULT_GROUP_ID,
            "consumer group; also the base of the transactional ids and internal topic names");
    public static final Flag<String> ENRICHED_TOPIC = Flag.name("enrichedTopic", PipelineTopics.ENRICHED,
            "topic the pairs go to");
    public static final Flag<String> DLQ = Flag.name("DLQ", PipelineTopics.DEAD_LETTERS,
            "dead-letter topic: each rejected raw record, with the reason and where it came from");
    public static final Flag<String> UNPAIRED_TOPIC = Flag.name("unpairedTopic", PipelineTopics.UNPAIRED,
            "topic for numbers that left without a partner (evicted or expired)");
    public static final Flag<Long> MAX_PENDING_PER_CLASS = Flag.wholeNumber("maxPendingPerClass",
            PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS, 1, Long.MAX_VALUE,
            "most numbers one complement class may hold waiting; past it the oldest goes to the unpaired topic");
    public static final Flag<Duration> PENDING_TTL = Flag.duration("pendingTtl", "0",
            "how long a number may wait, in event time, e.g. 10m; 0 = forever");
    public static final Flag<Guarantee> GUARANTEE = Flag.of("guarantee", Guarantee.EXACTLY_ONCE.flagValue(),
            "exactly_once or at_least_once", PipelineFlags::guarantee);
    public static final Flag<Integer> PARTITIONS = Flag.integer("partitions", TopicPolicy.DEFAULT.partitions(), 1,
            MAX_PARTITIONS, "partitions of the topics created because they are missing");
    public static final Flag<Integer> REPLICATION_FACTOR = Flag.optionalInteger("replicationFactor", 1, Short.MAX_VALUE,
            "replication factor of the topics the runner creates, Kafka Streams' internal ones included"
                    + " (default: the cluster's default.replication.factor)");
    public static final Flag<Boolean> CREATE_TOPICS = Flag.bool("createTopics", true,
            "create missing topics; false makes a missing topic an error");
    public static final Flag<Boolean> ALLOW_COMPACTED_OUTPUTS = Flag.bool("allowCompactedOutputs", false,
            "true starts even on compacted output topics (compaction deletes pairs of one class)");
    public static final Flag<Boolean> ALLOW_SHARED_OUTPUTS = Flag.bool("allowSharedOutputs", false,
            "true starts even when another pipeline is writing the output topics (each record then counts twice)");
    public static final Flag<OutputEncoding.Format> OUTPUT_FORMAT = Flag.choice("outputFormat",
            OutputEncoding.Format.AVRO, format -> format.name().toLowerCase(Locale.ROOT),
            "pairs and unpaired records as avro (single-object) or confluent (Confluent's wire format, with the"
                    + " schemas of --schemaRegistry, registered or looked up as docs/schema-registry.md says)");

    private PipelineFlags() {}

    /**
     * Adds every shared runner flag, in the order the usage lists them.
     *
     * @param flags          the runner's flag set, before its own flags
     * @param defaultGroupId the runner's default {@code --groupId}: each engine has its own, so two
     *                       runners started with defaults never join one group
     * @return the same set
     */
    public static FlagSet declareOn(FlagSet flags, String defaultGroupId) {
        flags.add(PAIR_SUM);
        flags.kafkaClient(DEFAULT_BOOTSTRAP_SERVERS);
        return flags.add(RAW_TOPIC, GROUP_ID.withDefault(defaultGroupId), ENRICHED_TOPIC, DLQ, UNPAIRED_TOPIC,
                MAX_PENDING_PER_CLASS, PENDING_TTL, GUARANTEE, PARTITIONS, REPLICATION_FACTOR, CREATE_TOPICS,
                ALLOW_COMPACTED_OUTPUTS, ALLOW_SHARED_OUTPUTS, OUTPUT_FORMAT);
    }

    /**
     * The spec a command line gives: the flags the command declares, the defaults for the others.
     *
     * @param flags a parsed command line whose set has the Kafka client flags
     * @return the spec, checked
     * @throws UsageException for a value out of range, an unreadable properties file, a bad registry
     *                        setting, or Confluent output without a registry
     */
    public static PipelineSpec spec(ParsedFlags flags) throws UsageException {
        Properties client = KafkaClientProperties.from(flags);
        try {
            Integer replication = read(flags, REPLICATION_FACTOR);
            TopicPolicy policy = TopicPolicy.builder().partitions(read(flags, PARTITIONS))
                    .replicationFactor(replication == null ? TopicPolicy.CLUSTER_DEFAULT_REPLICATION : replication.shortValue())
                    .createTopics(read(flags, CREATE_TOPICS)).allowCompactedOutputs(read(flags, ALLOW_COMPACTED_OUTPUTS))
                    .allowSharedOutputs(read(flags, ALLOW_SHARED_OUTPUTS)).build();
            OutputEncoding.Format format = read(flags, OUTPUT_FORMAT);
            return PipelineSpec.builder()
                    .pairSum(read(flags, PAIR_SUM))
                    .limits(new PendingLimits(read(flags, MAX_PENDING_PER_CLASS), read(flags, PENDING_TTL).toMillis()))
                    .topics(read(flags, RAW_TOPIC), read(flags, ENRICHED_TOPIC), read(flags, DLQ),
                            read(flags, UNPAIRED_TOPIC))
                    .groupId(read(flags, GROUP_ID))
                    .guarantee(read(flags, GUARANTEE))
                    .topicPolicy(policy)
                    .registry(RegistrySettings.from(client).orElse(null))
                    .output(format == OutputEncoding.Format.CONFLUENT ? OutputEncoding.CONFLUENT_UNREGISTERED
                            : OutputEncoding.SINGLE_OBJECT)
                    .kafkaProperties(client)
                    .build();
        } catch (IllegalArgumentException e) {
            // a registry URL that is no URL, a limit the core refuses: the command line's fault
            throw new UsageException(e.getMessage());
        }
    }

    /** A shared flag's value where the command declares it, its default where it does not. */
    private static <T> T read(ParsedFlags flags, Flag<T> flag) throws UsageException {
        if (flags.declares(flag.name())) {
            return flag.from(flags);
        }
        return flag.from(ParsedFlags.defaultsOf(flag));
    }

    private static Guarantee guarantee(ParsedFlags flags, String name) throws UsageException {
        try {
            return Guarantee.fromFlag(flags.string(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
