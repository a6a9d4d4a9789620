package dev.pairing.launcher.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A runner's command line as the tools give it, flag by flag: what the Streams runner's jar and
 * the Flink job take. The names of the flags the tools set are spelled here and nowhere else in the
 * tools; each runner declares and checks them itself, so a name a runner does not know fails there,
 * at start-up, with its usage.
 */
public final class RunnerFlags {

    public static final String BOOTSTRAP_SERVERS = "bootstrapServers";
    public static final String PAIR_SUM = "pairSum";
    public static final String RAW_TOPIC = "rawTopic";
    public static final String ENRICHED_TOPIC = "enrichedTopic";
    /** The dead-letter topic: the original project's spelling. */
    public static final String DEAD_LETTER_TOPIC = "DLQ";
    public static final String UNPAIRED_TOPIC = "unpairedTopic";
    public static final String GROUP_ID = "groupId";
    public static final String PARTITIONS = "partitions";
    public static final String GUARANTEE = "guarantee";
    public static final String CREATE_TOPICS = "createTopics";
    public static final String KAFKA_PROPERTY = "kafkaProperty";
    public static final String KAFKA_CONFIG = "kafkaConfig";
    public static final String SCHEMA_REGISTRY = "schemaRegistry";
    public static final String OUTPUT_FORMAT = "outputFormat";
    public static final String MAX_PENDING_PER_CLASS = "maxPendingPerClass";
    public static final String PENDING_TTL = "pendingTtl";
    /** The Streams runner's. */
    public static final String STATE_DIR = "stateDir";
    /** The Streams runner's. */
    public static final String INPUT_KEYED_BY_CLASS = "inputKeyedByClass";
    /** The Streams runner's. */
    public static final String COMMIT_INTERVAL = "commitInterval";
    /** The Flink job's. */
    public static final String CHECKPOINT_INTERVAL = "checkpointInterval";
    /** The Streams runner's (and the producer's): its Prometheus and health endpoint. */
    public static final String METRICS_PORT = "metricsPort";

    /** {@code --guarantee}'s two words. */
    public static final String EXACTLY_ONCE = "exactly_once";
    public static final String AT_LEAST_ONCE = "at_least_once";

    private final List<String> args = new ArrayList<>();

    /** No flags yet: the runner's defaults. */
    public RunnerFlags() {}

    /**
     * Arguments exactly as given, e.g. a command line copied from a compose file, or a misspelled
     * flag a test wants the runner to refuse.
     */
    public static RunnerFlags verbatim(List<String> args) {
        RunnerFlags flags = new RunnerFlags();
        flags.args.addAll(args);
        return flags;
    }

    public RunnerFlags bootstrapServers(String servers) {
        return flag(BOOTSTRAP_SERVERS, servers);
    }

    public RunnerFlags pairSum(int pairSum) {
        return flag(PAIR_SUM, Integer.toString(pairSum));
    }

    /** The four topics of one pipeline. */
    public RunnerFlags topics(String raw, String enriched, String deadLetters, String unpaired) {
        return flag(RAW_TOPIC, raw).flag(ENRICHED_TOPIC, enriched).flag(DEAD_LETTER_TOPIC, deadLetters)
                .flag(UNPAIRED_TOPIC, unpaired);
    }

    public RunnerFlags groupId(String groupId) {
        return flag(GROUP_ID, groupId);
    }

    /** Partitions of the topics the runner creates because they are missing. */
    public RunnerFlags partitions(int partitions) {
        return flag(PARTITIONS, Integer.toString(partitions));
    }

    /** {@link #EXACTLY_ONCE} or {@link #AT_LEAST_ONCE}. */
    public RunnerFlags guarantee(String guarantee) {
        return flag(GUARANTEE, guarantee);
    }

    public RunnerFlags createTopics(boolean create) {
        return flag(CREATE_TOPICS, Boolean.toString(create));
    }

    /** A Kafka client property; repeatable. */
    public RunnerFlags kafkaProperty(String key, String value) {
        return flag(KAFKA_PROPERTY, key + "=" + value);
    }

    /** A Kafka client properties file (security settings, ...). */
    public RunnerFlags kafkaConfig(Path file) {
        return flag(KAFKA_CONFIG, file.toString());
    }

    /** A registry's Confluent-compatible API, with pairs and unpaired records in Confluent's format. */
    public RunnerFlags confluentFormat(String registryUrl) {
        return flag(SCHEMA_REGISTRY, registryUrl).flag(OUTPUT_FORMAT, "confluent");
    }

    /** The Streams runner's local state (RocksDB, its instance id). */
    public RunnerFlags stateDir(Path dir) {
        return flag(STATE_DIR, dir.toString());
    }

    /** The Streams runner's: the input is keyed by complement class already, so no repartition step. */
    public RunnerFlags inputKeyedByClass(boolean keyed) {
        return flag(INPUT_KEYED_BY_CLASS, Boolean.toString(keyed));
    }

    /** The Streams runner's commit interval, e.g. {@code 100ms}, {@code 30s}. */
    public RunnerFlags commitInterval(String interval) {
        return flag(COMMIT_INTERVAL, interval);
    }

    /** The Streams runner's Prometheus endpoint ({@code /metrics}, {@code /health/*}) on this port. */
    public RunnerFlags metricsPort(int port) {
        return flag(METRICS_PORT, Integer.toString(port));
    }

    /** The Flink job's checkpoint interval, e.g. {@code 1s}. */
    public RunnerFlags checkpointInterval(String interval) {
        return flag(CHECKPOINT_INTERVAL, interval);
    }

    /** Any flag as the runner spells it, for those without a method here. */
    public RunnerFlags flag(String name, String value) {
        args.add("--" + name);
        args.add(value);
        return this;
    }

    /** These flags followed by {@code more}'s. */
    public RunnerFlags and(RunnerFlags more) {
        RunnerFlags both = verbatim(args);
        both.args.addAll(more.args);
        return both;
    }

    /** The value last given for {@code --name}, if any. */
    public Optional<String> value(String name) {
        String value = null;
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--" + name)) {
                value = args.get(i + 1);
            }
        }
        return Optional.ofNullable(value);
    }

    /** The command line: {@code --name value} pairs in the order they were given. */
    public List<String> toArgs() {
        return List.copyOf(args);
    }

    @Override
    public String toString() {
        return String.join(" ", args);
    }
}
