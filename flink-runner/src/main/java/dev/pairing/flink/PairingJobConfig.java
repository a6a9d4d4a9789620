package dev.pairing.flink;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * @param replicationFactor  their replication factor, or {@code -1} for the cluster's default
 * @param createTopics       create missing topics; when false, a missing topic is an error naming it
 * @param allowCompactedOutputs start even when an output topic is compacted (which loses pairs)
 * @param output             how pairs and unpaired records are written ({@code --outputFormat}); with
 *                           Confluent's format the client registers the schemas before submitting, so
 *                           every TaskManager writes the same ids
 * @param acceptExpiredTransactions a restored checkpoint's transaction whose transactional id the broker
 *                           has forgotten ({@code transactional.id.expiration.ms}) counts as ended and the
 *                           job goes on; false: the job stops saying so ({@code --acceptExpiredTransactions})
 */
public record PairingJobConfig(int pairSum, PendingLimits limits, String rawTopic, String enrichedTopic,
        String deadLetterTopic, String unpairedTopic, String groupId, Properties kafka, Guarantee guarantee,
        Duration checkpointInterval, int partitions, short replicationFactor, boolean createTopics,
        boolean allowCompactedOutputs, OutputEncoding output, boolean acceptExpiredTransactions) {

    public static final String RAW_TOPIC = PipelineTopics.RAW;
    public static final String ENRICHED_TOPIC = PipelineTopics.ENRICHED;
    public static final String DEAD_LETTER_TOPIC = PipelineTopics.DEAD_LETTERS;
    public static final String UNPAIRED_TOPIC = PipelineTopics.UNPAIRED;
    public static final String GROUP_ID = "pairing-flink";

    /**
     * Without a {@code transaction.timeout.ms} of the user's or the broker's maximum read by
     * {@link TransactionTimeout}: Kafka's default {@code transaction.max.timeout.ms}, the longest a
     * broker with default settings accepts.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = TransactionTimeout.KAFKA_DEFAULT_MAXIMUM;

    static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";

    public PairingJobConfig {
        new PairingRules(pairSum);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(output, "output");
        Properties copy = new Properties();
        copy.putAll(kafka);
        kafka = copy;
    }

    public PipelineTopics topics() {
        return new PipelineTopics(rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic);
    }

    /** The schema registry of Confluent-framed raw records ({@code --schemaRegistry}), if any. */
    public Optional<RegistrySettings> registry() {
        return RegistrySettings.from(kafka);
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

    /** The sinks' transaction timeout: {@code transaction.timeout.ms} if set, else the default. */
    public Duration transactionTimeout() {
        return requestedTransactionTimeout().orElse(DEFAULT_TRANSACTION_TIMEOUT);
    }

    /** The {@code transaction.timeout.ms} of the Kafka properties, if set. */
    public Optional<Duration> requestedTransactionTimeout() {
        String ms = kafka.getProperty(TRANSACTION_TIMEOUT_MS);
        return ms == null ? Optional.empty() : Optional.of(Duration.ofMillis(Long.parseLong(ms.trim())));
    }

    /** The same config with one Kafka client property set. */
    public PairingJobConfig withKafkaProperty(String key, String value) {
        Properties changed = kafkaProperties();
        changed.setProperty(key, value);
        return new PairingJobConfig(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic, groupId,
                changed, guarantee, checkpointInterval, partitions, replicationFactor, createTopics,
                allowCompactedOutputs, output, acceptExpiredTransactions);
    }

    public PairingJobConfig withOutput(OutputEncoding newOutput) {
        return new PairingJobConfig(pairSum, limits, rawTopic, enrichedTopic, deadLetterTopic, unpairedTopic, groupId,
                kafka, guarantee, checkpointInterval, partitions, replicationFactor, createTopics, allowCompactedOutputs,
                newOutput, acceptExpiredTransactions);
    }

    /**
     * Per sink: unique for the job (so two jobs never fence each other's transactions) and stable
     * across restarts (so a restarted job aborts what its predecessor left open).
     */
    public String transactionalIdPrefix(String sink) {
        return groupId + "-" + sink;
    }
}
