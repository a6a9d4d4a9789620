package dev.pairing.streams;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.streams.membership.Membership;
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
 * @param membership       the instance id and standby replicas: how this instance shares the work
 *                         with the application's other instances and how fast it returns after a crash
 * @param partitions       partitions of the topics this runner creates when they are missing
 * @param replicationFactor their replication factor and that of Kafka Streams' internal topics, or
 *                         {@link TopicContract#CLUSTER_DEFAULT_REPLICATION}
 * @param createTopics     create missing topics; when false, a missing topic is an error naming it
 * @param allowCompactedOutputs start even when an output topic is compacted (which loses pairs)
 * @param clientProperties Kafka client properties from {@code --kafkaConfig}, {@code --kafkaProperty}
 *                         and {@code --bootstrapServers} (security settings, any Streams setting)
 */
public record StreamsRunnerConfig(PairingConfig pairing, String applicationId, Guarantee guarantee,
        Duration commitInterval, String stateDir, Membership membership, int partitions, short replicationFactor, boolean createTopics,
        boolean allowCompactedOutputs, Properties clientProperties) {

    /** The broker's default {@code message.max.bytes}. */
    public static final int DEFAULT_BROKER_MAX_MESSAGE_BYTES = TopicContract.BROKER_DEFAULT_MAX_MESSAGE_BYTES;
    /** The dead-letter topic this runner creates, and its producer's largest request (see {@link TopicContract}). */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES;

    /** Settings with a flag of their own; passing them as client properties would be ambiguous. */
    static final Map<String, String> OWN_FLAGS = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "--groupId",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "--guarantee",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "--commitInterval",
            StreamsConfig.STATE_DIR_CONFIG, "--stateDir",
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "--standbyReplicas",
            StreamsConfig.REPLICATION_FACTOR_CONFIG, "--replicationFactor",
            "group.instance.id", "--instanceId");

    public StreamsRunnerConfig {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("the application id (--groupId) must not be empty");
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, got " + commitInterval);
        }
        if (membership == null) {
            throw new IllegalArgumentException("membership must be given (Membership.defaults() for one instance)");
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

    public StreamsRunnerConfig withPairing(PairingConfig newPairing) {
        return new StreamsRunnerConfig(newPairing, applicationId, guarantee, commitInterval, stateDir, membership,
                partitions, replicationFactor, createTopics, allowCompactedOutputs, clientProperties);
    }

    /**
     * The full KafkaStreams configuration but for the instance id, which {@link PairingApp} resolves
     * against the state directory when it starts ({@link Membership#resolveInstanceId}).
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.streamsValue());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        membership.applyTo(props);
        // -1 is also Kafka Streams' own default: the broker's default.replication.factor
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES));
        // With keyed input a task reads its raw partition and its repartition partition, which stays
        // empty while producers key by class. At the default (0) Kafka Streams 4.3 formats a log
        // message about the empty partition before every record it processes, 11% of the stream
        // thread in a profile; -1 skips that check. Which of two partitions goes first is not
        // deterministic either way, and nothing waits on the repartition topic's timestamps.
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        return props;
    }

    public PipelineTopics topics() {
        return new PipelineTopics(pairing.rawTopic(), pairing.enrichedTopic(), pairing.deadLetterTopic(),
                pairing.unpairedTopic());
    }

    /** What start-up checks and creates; the dead-letter limit counts this runner's producer's largest request. */
    public TopicContract.Options topicOptions() {
        return new TopicContract.Options(partitions, replicationFactor, createTopics, allowCompactedOutputs,
                TopicContract.maxRequestSize(streamsProperties(), StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)),
                DeadLetterFit.MINIMUM_LIMIT, TopicContract.compressionType(streamsProperties(),
                        StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), ProducerConfig.COMPRESSION_TYPE_CONFIG));
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
                + " schemaRegistry=" + pairing.registrySettings().map(Object::toString).orElse("none")
                + " outputFormat=" + pairing.output().format().name().toLowerCase(java.util.Locale.ROOT)
                + " guarantee=" + guarantee.flagValue()
                + " instanceId=" + membership.instanceId()
                + " standbyReplicas=" + membership.standbyReplicas()
                + " partitions=" + partitions
                + " replicationFactor=" + (replicationFactor < 0 ? "cluster default" : replicationFactor)
                + " createTopics=" + createTopics
                + " allowCompactedOutputs=" + allowCompactedOutputs
                + " streams=" + shown;
    }

    static String mask(String key, String value) {
        String lower = key.toLowerCase();
        boolean secret = lower.endsWith("sasl.jaas.config") || lower.contains("password")
                || lower.contains("secret") || lower.endsWith(".key") || lower.contains("token")
                || lower.endsWith("user.info");
        // a URL may carry user:password (a registry's, say): keep the URL, drop those
        return secret ? "*****" : lower.endsWith("url") ? RegistrySettings.redacted(value) : value;
    }
}
