package dev.pairing.flink;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.topics.PipelineTopics;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything the job needs to know, parsed and checked: the business parameters, the topics, the
 * consumer group and the delivery settings. Built by {@link JobFlags} from the command line, so the
 * tests build the job exactly as {@code flink run} does.
 *
 * @param kafka              Kafka client properties shared by the source, the sinks and topic setup
 *                           (bootstrap servers, security, ...)
 * @param checkpointInterval how often state is checkpointed; with exactly-once it is also how
 *                           often output becomes visible to read_committed consumers
 * @param partitions         partitions of the topics the job creates when they are missing
 * @param createTopics       create missing topics; when false, a missing topic is an error naming it
 * @param allowCompactedOutputs start even when an output topic is compacted (which loses pairs)
 */
public record PairingJobConfig(int pairSum, PendingLimits limits, String rawTopic, String enrichedTopic,
        String deadLetterTopic, String unpairedTopic, String groupId, Properties kafka, Guarantee guarantee,
        Duration checkpointInterval, int partitions, boolean createTopics, boolean allowCompactedOutputs) {

    public static final String RAW_TOPIC = PipelineTopics.RAW;
    public static final String ENRICHED_TOPIC = PipelineTopics.ENRICHED;
    public static final String DEAD_LETTER_TOPIC = PipelineTopics.DEAD_LETTERS;
    public static final String UNPAIRED_TOPIC = PipelineTopics.UNPAIRED;
    public static final String GROUP_ID = "pairing-flink";

    /**
     * Below the broker's default {@code transaction.max.timeout.ms} (15 min), and far above any
     * sane checkpoint interval: a transaction stays open from one checkpoint to the next.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";

    public PairingJobConfig {
        new PairingRules(pairSum);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(groupId, "groupId");
        Properties copy = new Properties();
        copy.putAll(kafka);
        kafka = copy;
    }

    public PipelineTopics topics() {
        return new PipelineTopics(rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic);
    }

    public PairingRules rules() {
        return new PairingRules(pairSum);
    }

    public String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }

    /** A copy of the Kafka client properties, for one client to adapt. */
    public Properties kafkaProperties() {
        Properties copy = new Properties();
        copy.putAll(kafka);
        return copy;
    }

    /** The sinks' transaction timeout: the user's {@code transaction.timeout.ms} or the default. */
    public Duration transactionTimeout() {
        String ms = kafka.getProperty(TRANSACTION_TIMEOUT_MS);
        return ms == null ? DEFAULT_TRANSACTION_TIMEOUT : Duration.ofMillis(Long.parseLong(ms.trim()));
    }

    /**
     * Per sink: unique for the job (so two jobs never fence each other's transactions) and stable
     * across restarts (so a restarted job aborts what its predecessor left open).
     */
    public String transactionalIdPrefix(String sink) {
        return groupId + "-" + sink;
    }
}
