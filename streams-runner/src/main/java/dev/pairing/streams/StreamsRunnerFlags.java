package dev.pairing.streams;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.KafkaClientProperties;
import dev.pairing.flags.ParsedFlags;
import dev.pairing.flags.ReplicationFlag;
import dev.pairing.flags.UsageException;
import dev.pairing.streams.membership.Membership;
import java.nio.file.Path;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.time.Duration;
import java.util.Properties;

/** The command line of the Streams runner, with the original project's flag names. */
public final class StreamsRunnerFlags {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_APPLICATION_ID = "pairing-streams";
    /**
     * Kafka Streams' own default under exactly-once. A read_committed consumer sees output only when
     * the transaction commits, so the interval is the floor of end-to-end latency; each commit costs
     * a transaction (markers on every output partition), which at 10 per second per thread is small.
     * Raise it for throughput, lower it for latency.
     */
    public static final String DEFAULT_COMMIT_INTERVAL = "100ms";

    private StreamsRunnerFlags() {}

    public static FlagSet flagSet() {
        return new FlagSet("streams-runner",
                "Pairs numbers from the raw topic with their complements on Kafka Streams, exactly once.")
                .option("pairSum", Integer.toString(PairingRules.DEFAULT_PAIR_SUM), "numbers pair when they sum to this")
                .kafkaClient(DEFAULT_BOOTSTRAP_SERVERS)
                .option("rawTopic", PairingConfig.RAW_TOPIC, "topic of raw numbers (any bytes)")
                .option("groupId", DEFAULT_APPLICATION_ID,
                        "the application.id: consumer group, transactional id and internal topic prefix")
                .option("enrichedTopic", PairingConfig.ENRICHED_TOPIC, "topic the pairs go to")
                .option("DLQ", PairingConfig.DEAD_LETTER_TOPIC, "dead-letter topic for rejected raw records")
                .option("unpairedTopic", PairingConfig.UNPAIRED_TOPIC, "topic for numbers evicted or expired unpaired")
                .option("stateDir", Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString(),
                        "local directory of the RocksDB state (rebuilt from the changelog when lost)")
                .option("instanceId", Membership.AUTO,
                        "this instance's stable id in the group (static membership: a restart in place"
                                + " resumes at once); auto = made once and kept in --stateDir, none = dynamic")
                .option("standbyReplicas", "0",
                        "warm copies of each task's state on other instances, for faster failover")
                .option("maxPendingPerClass", Long.toString(PendingLimits.DEFAULT_MAX_PENDING_PER_CLASS),
                        "most numbers one complement class may hold waiting; the oldest is evicted past it")
                .option("pendingTtl", "0", "how long a number may wait, in event time, e.g. 10m; 0 = forever")
                .option("guarantee", Guarantee.EXACTLY_ONCE.flagValue(), "exactly_once or at_least_once")
                .option("commitInterval", DEFAULT_COMMIT_INTERVAL,
                        "how often output and state are committed (read_committed latency)")
                .option("inputKeyedByClass", "false",
                        "true when the raw topic is keyed by complement class: skips the repartition by class")
                .option("partitions", "3", "partitions of topics this runner creates")
                .option("replicationFactor", null, "replication factor of the topics it creates, internal ones"
                        + " included (default: the cluster's default.replication.factor)")
                .option("createTopics", "true", "create missing topics; false makes a missing topic an error")
                .option("allowCompactedOutputs", "false",
                        "true starts even on compacted output topics (compaction deletes pairs of one class)")
                .option("outputFormat", "avro", "pairs and unpaired records as avro (single-object) or confluent "
                        + "(Confluent's wire format, schemas registered in --schemaRegistry under <topic>-value)");
    }

    /** Parses a command line into the runner's configuration; a bad one is a UsageException. */
    public static StreamsRunnerConfig parse(String... args) throws UsageException {
        return toConfig(flagSet().parse(args));
    }

    public static StreamsRunnerConfig toConfig(ParsedFlags flags) throws UsageException {
        int pairSum = flags.intValue("pairSum", 0, 1_000_000_000);
        long maxPending = flags.longValue("maxPendingPerClass", 1, Long.MAX_VALUE);
        Duration ttl = flags.duration("pendingTtl");
        PairingConfig pairing = new PairingConfig(pairSum, new PendingLimits(maxPending, ttl.toMillis()),
                nonBlank(flags, "rawTopic"), nonBlank(flags, "enrichedTopic"), nonBlank(flags, "DLQ"),
                nonBlank(flags, "unpairedTopic"),
                Boolean.parseBoolean(flags.choice("inputKeyedByClass", "true", "false")));
        Guarantee guarantee = Guarantee.fromFlag(
                flags.choice("guarantee", "exactly_once", "at_least_once", "exactly_once_v2"));
        Duration commitInterval = flags.duration("commitInterval");
        if (commitInterval.isZero()) {
            throw new UsageException("--commitInterval must be positive");
        }
        try {
            Properties client = KafkaClientProperties.from(flags);
            pairing = pairing.withRegistry(RegistrySettings.from(client).orElse(null))
                    .withOutput(flags.choice("outputFormat", "avro", "confluent").equals("confluent")
                            ? OutputEncoding.CONFLUENT_UNREGISTERED : OutputEncoding.SINGLE_OBJECT);
            return new StreamsRunnerConfig(pairing, nonBlank(flags, "groupId"), guarantee, commitInterval,
                    nonBlank(flags, "stateDir"),
                    new Membership(nonBlank(flags, "instanceId"), flags.intValue("standbyReplicas", 0, 100)),
                    flags.intValue("partitions", 1, 100_000), ReplicationFlag.parse(flags),
                    Boolean.parseBoolean(flags.choice("createTopics", "true", "false")),
                    Boolean.parseBoolean(flags.choice("allowCompactedOutputs", "true", "false")),
                    client);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String nonBlank(ParsedFlags flags, String name) throws UsageException {
        String value = flags.string(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " must not be empty");
        }
        return value;
    }
}
