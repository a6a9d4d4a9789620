package dev.pairing.flink;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.ReplicationFlag;
import dev.pairing.flags.UsageException;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The job's command line: the original project's flags ({@code --pairSum --bootstrapServers
 * --rawTopic --groupId --enrichedTopic --DLQ}), the Streams runner's extra ones, and the Flink
 * specifics. Everything is checked here, in the client, before a job graph exists.
 */
public final class JobFlags {

    static final String COMMAND = "flink run flink-runner.jar";
    static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(100);

    private JobFlags() {}

    public static FlagSet declare() {
        return new FlagSet(COMMAND,
                "Pairs numbers from the raw topic that sum to pairSum, on Flink; corrupted records go to the DLQ.")
                .option("pairSum", Integer.toString(PairingRules.DEFAULT_PAIR_SUM), "the sum a pair adds up to")
                .kafkaClient("localhost:9092")
                .option("rawTopic", PairingJobConfig.RAW_TOPIC, "topic the numbers arrive on")
                .option("groupId", PairingJobConfig.GROUP_ID,
                        "consumer group; also names the sinks' transactional ids")
                .option("enrichedTopic", PairingJobConfig.ENRICHED_TOPIC, "topic the pairs go to")
                .option("DLQ", PairingJobConfig.DEAD_LETTER_TOPIC, "dead-letter topic for corrupted records")
                .option("unpairedTopic", PairingJobConfig.UNPAIRED_TOPIC,
                        "topic for numbers that left without a partner (evicted or expired)")
                .option("maxPendingPerClass", Long.toString(PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS),
                        "most numbers one complement class may hold waiting; the oldest is evicted")
                .option("pendingTtl", "0", "how long a number may wait, in event time (e.g. 30s, 5m); 0 = forever")
                // the word, not Guarantee.EXACTLY_ONCE: that enum holds Flink types, which ./pairing flink lacks
                .option("guarantee", "exactly_once", "exactly_once or at_least_once")
                .option("checkpointInterval", "10s",
                        "how often state is checkpointed; exactly-once output becomes visible at each checkpoint")
                .option("partitions", "3", "partitions of topics created because they are missing")
                .option("replicationFactor", null,
                        "replication factor of topics it creates (default: the cluster's default.replication.factor)")
                .option("createTopics", "true", "create missing topics; false makes a missing topic an error")
                .option("allowCompactedOutputs", "false",
                        "true starts even on compacted output topics (compaction deletes pairs of one class)")
                .option("outputFormat", "avro", "pairs and unpaired records as avro (single-object) or confluent "
                        + "(Confluent's wire format, schemas registered in --schemaRegistry under <topic>-value)");
    }

    /** Parses for {@code main}: usage and exit 2 on a bad command line, exit 0 on --help. */
    public static PairingJobConfig parseOrExit(String... args) {
        FlagSet flags = declare();
        ParsedFlags parsed = flags.parseOrExit(args);
        try {
            return toConfig(parsed);
        } catch (UsageException e) {
            flags.exitWithUsage(e);
            return null; // unreachable
        }
    }

    /** Parses without exiting: what tests and embedding code call. */
    public static PairingJobConfig parse(String... args) throws UsageException {
        ParsedFlags parsed = declare().parse(args);
        if (parsed.helpRequested()) {
            throw new UsageException("--help is only for the command line");
        }
        return toConfig(parsed);
    }

    static PairingJobConfig toConfig(ParsedFlags flags) throws UsageException {
        int pairSum = flags.intValue("pairSum", 0, Integer.MAX_VALUE - 1);
        long maxPending = flags.longValue("maxPendingPerClass", 1, Long.MAX_VALUE);
        Duration ttl = flags.duration("pendingTtl");
        Guarantee guarantee = Guarantee.valueOf(flags.choice("guarantee",
                Guarantee.EXACTLY_ONCE.flagValue(), Guarantee.AT_LEAST_ONCE.flagValue()).toUpperCase(Locale.ROOT));
        Duration checkpointInterval = flags.duration("checkpointInterval");
        int partitions = flags.intValue("partitions", 1, 10_000);
        Properties kafka = KafkaClientProperties.from(flags);
        boolean hasRegistry;
        try {
            // a bad registry setting is a usage error here, not a failed task
            hasRegistry = RegistrySettings.from(kafka).isPresent();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean confluentOutput = flags.choice("outputFormat", "avro", "confluent").equals("confluent");
        if (confluentOutput && !hasRegistry) {
            throw new UsageException("--outputFormat confluent needs a schema registry: --schemaRegistry URL");
        }
        String groupId = requireName(flags, "groupId");

        PairingJobConfig config = new PairingJobConfig(pairSum, new PendingLimits(maxPending, ttl.toMillis()),
                requireName(flags, "rawTopic"), requireName(flags, "enrichedTopic"), requireName(flags, "DLQ"),
                requireName(flags, "unpairedTopic"), groupId, kafka, guarantee, checkpointInterval, partitions,
                ReplicationFlag.parse(flags),
                Boolean.parseBoolean(flags.choice("createTopics", "true", "false")),
                Boolean.parseBoolean(flags.choice("allowCompactedOutputs", "true", "false")),
                confluentOutput ? OutputEncoding.CONFLUENT_UNREGISTERED : OutputEncoding.SINGLE_OBJECT);
        checkTiming(config);
        return config;
    }

    /**
     * The config with the sinks' transaction timeout decided with the broker ({@link TransactionTimeout}),
     * for {@code main}: usage and exit 2 when the broker refuses the given one or the checkpoint
     * interval does not fit in it.
     */
    public static PairingJobConfig withBrokerTransactionTimeoutOrExit(PairingJobConfig config, PrintStream log) {
        if (config.guarantee() != Guarantee.EXACTLY_ONCE) {
            return config;
        }
        try {
            PairingJobConfig resolved;
            try {
                resolved = TransactionTimeout.resolve(config, log);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            checkTiming(resolved);
            return resolved;
        } catch (UsageException e) {
            declare().exitWithUsage(e);
            return null; // unreachable
        }
    }

    private static void checkTiming(PairingJobConfig config) throws UsageException {
        if (config.checkpointInterval().compareTo(MIN_CHECKPOINT_INTERVAL) < 0) {
            throw new UsageException("--checkpointInterval must be at least " + MIN_CHECKPOINT_INTERVAL.toMillis()
                    + "ms, got " + config.checkpointInterval().toMillis() + "ms");
        }
        Duration timeout;
        try {
            timeout = config.transactionTimeout();
        } catch (NumberFormatException e) {
            throw new UsageException("transaction.timeout.ms must be a number of milliseconds: " + e.getMessage());
        }
        // a transaction spans one checkpoint interval; it must not time out before the checkpoint commits it
        if (config.guarantee() == Guarantee.EXACTLY_ONCE && config.checkpointInterval().multipliedBy(2).compareTo(timeout) > 0) {
            throw new UsageException("--checkpointInterval (" + config.checkpointInterval().toMillis()
                    + "ms) must be at most half the sinks' transaction.timeout.ms (" + timeout.toMillis() + "ms)");
        }
    }

    private static String requireName(ParsedFlags flags, String name) throws UsageException {
        String value = flags.string(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " must not be empty");
        }
        return value.trim();
    }
}
