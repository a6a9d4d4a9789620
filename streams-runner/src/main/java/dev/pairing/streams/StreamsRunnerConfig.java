package dev.pairing.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the runnable application needs: the topology's {@link PairingConfig} plus how it runs
 * on Kafka. {@link #streamsProperties()} is the complete configuration of the KafkaStreams
 * instance, so other modules can start the real application in-process with exactly what the
 * command line would use.
 *
 * @param applicationId    Kafka Streams' application.id: the consumer group, the transactional id
 *                         prefix and the prefix of the internal topics ({@code --groupId})
 * @param commitInterval   how often offsets, state and output are committed; under exactly-once a
 *                         read_committed reader sees output only after the commit, so this bounds
 *                         the end-to-end latency
 * @param partitions       partitions of the topics this runner creates when they are missing
 * @param createTopics     create missing topics; when false, a missing topic is an error naming it
 * @param clientProperties Kafka client properties from {@code --kafkaConfig}, {@code --kafkaProperty}
 *                         and {@code --bootstrapServers} (security settings, any Streams setting)
 */
public record StreamsRunnerConfig(PairingConfig pairing, String applicationId, Guarantee guarantee,
        Duration commitInterval, String stateDir, int partitions, boolean createTopics,
        Properties clientProperties) {

    /**
     * Headroom for the dead-letter record over the raw record it copies: the reason headers add a
     * few hundred bytes, so a raw value right at the broker's size limit still fits in the
     * dead-letter topic this runner creates and in the producer's largest request.
     */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;
    /** The broker's default {@code message.max.bytes}. */
    public static final int DEFAULT_BROKER_MAX_MESSAGE_BYTES = 1_048_588;
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = DEFAULT_BROKER_MAX_MESSAGE_BYTES + DEAD_LETTER_HEADROOM_BYTES;

    /** Settings with a flag of their own; passing them as client properties would be ambiguous. */
    static final Map<String, String> OWN_FLAGS = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "--groupId",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "--guarantee",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "--commitInterval",
            StreamsConfig.STATE_DIR_CONFIG, "--stateDir");

    public StreamsRunnerConfig {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("the application id (--groupId) must not be empty");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, got " + commitInterval);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        clientProperties = copy;
        for (Map.Entry<String, String> own : OWN_FLAGS.entrySet()) {
            if (clientProperties.containsKey(own.getKey())) {
                throw new IllegalArgumentException(own.getKey() + " has a flag of its own: use " + own.getValue());
            }
        }
        if (clientProperties.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("bootstrap.servers is not set");
        }
    }

    /** The full KafkaStreams configuration. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.streamsValue());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES));
        return props;
    }

    /** Properties for an admin client of the same cluster (same servers, same security). */
    public Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        return props;
    }

    /** One line for the log, with secrets masked. */
    public String describe() {
        Map<String, String> shown = new TreeMap<>();
        streamsProperties().forEach((key, value) -> shown.put(key.toString(), mask(key.toString(), value.toString())));
        return "pairSum=" + pairing.pairSum()
                + " rawTopic=" + pairing.rawTopic()
                + " enrichedTopic=" + pairing.enrichedTopic()
                + " DLQ=" + pairing.deadLetterTopic()
                + " unpairedTopic=" + pairing.unpairedTopic()
                + " maxPendingPerClass=" + pairing.limits().maxPendingPerClass()
                + " pendingTtl=" + pairing.limits().ttlMillis() + "ms"
                + " inputKeyedByClass=" + pairing.inputKeyedByClass()
                + " guarantee=" + guarantee.flagValue()
                + " partitions=" + partitions
                + " createTopics=" + createTopics
                + " streams=" + shown;
    }

    static String mask(String key, String value) {
        String lower = key.toLowerCase();
        boolean secret = lower.endsWith("sasl.jaas.config") || lower.contains("password")
                || lower.contains("secret") || lower.endsWith(".key") || lower.contains("token");
        return secret ? "*****" : value;
    }
}
