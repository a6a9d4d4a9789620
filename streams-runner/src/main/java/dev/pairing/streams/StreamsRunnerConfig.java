package dev.pairing.streams;

import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.ClientSecrets;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.streams.membership.Membership;
import dev.pairing.streams.state.BoundedRocksDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the Streams runner needs: the engine-neutral {@link PipelineSpec} plus what only Kafka
 * Streams has (commit interval, state directory, group membership, the promise that the raw topic is
 * keyed by class). {@link #streamsProperties()} is the complete configuration of the KafkaStreams
 * instance, so other modules can start the real application in-process with exactly what the command
 * line would use.
 *
 * <p>Made with {@link #builder(PipelineSpec)}; settings added later get a builder method, so code
 * that builds a config keeps compiling.
 */
public final class StreamsRunnerConfig {

    /**
     * Kafka Streams' own default under exactly-once. A read_committed consumer sees output only when
     * the transaction commits, so the interval is the floor of end-to-end latency; each commit costs
     * a transaction (markers on every output partition), which at 10 per second per thread is small.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** The state directory when none is given. */
    public static final String DEFAULT_STATE_DIR = Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString();

    /** Settings with a flag of their own; passing them as client properties would be ambiguous. */
    static final Map<String, String> OWN_FLAGS = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "--groupId",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "--guarantee",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "--commitInterval",
            StreamsConfig.STATE_DIR_CONFIG, "--stateDir",
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "--standbyReplicas",
            StreamsConfig.REPLICATION_FACTOR_CONFIG, "--replicationFactor",
            "group.instance.id", "--instanceId");

    private final PipelineSpec pipeline;
    private final Duration commitInterval;
    private final String stateDir;
    private final Membership membership;
    private final boolean inputKeyedByClass;
    private final Integer metricsPort;

    private StreamsRunnerConfig(Builder b) {
        this.pipeline = Objects.requireNonNull(b.pipeline, "pipeline");
        if (b.commitInterval == null || b.commitInterval.isNegative() || b.commitInterval.isZero()) {
            throw new IllegalArgumentException("the commit interval must be positive, got " + b.commitInterval);
        }
        this.commitInterval = b.commitInterval;
        if (b.stateDir == null || b.stateDir.isBlank()) {
            throw new IllegalArgumentException("the state directory (--stateDir) must not be empty");
        }
        this.stateDir = b.stateDir;
        this.membership = Objects.requireNonNull(b.membership, "membership");
        this.inputKeyedByClass = b.inputKeyedByClass;
        this.metricsPort = b.metricsPort;
        Properties client = pipeline.kafkaProperties();
        for (Map.Entry<String, String> own : OWN_FLAGS.entrySet()) {
            if (client.containsKey(own.getKey())) {
                throw new IllegalArgumentException(own.getKey() + " has a flag of its own: use " + own.getValue());
            }
        }
    }

    /**
     * A builder for a runner of this pipeline, with the runner's defaults for the rest.
     *
     * @param pipeline the pipeline to run
     * @return a new builder
     */
    public static Builder builder(PipelineSpec pipeline) {
        return new Builder(pipeline);
    }

    /**
     * A builder holding this config's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(pipeline).commitInterval(commitInterval).stateDir(stateDir).membership(membership)
                .inputKeyedByClass(inputKeyedByClass).metricsPort(metricsPort);
    }

    public PipelineSpec pipeline() {
        return pipeline;
    }

    /**
     * Kafka Streams' application.id: the consumer group, the transactional id prefix and the prefix of
     * the internal topics.
     *
     * @return the pipeline's group id
     */
    public String applicationId() {
        return pipeline.groupId();
    }

    /**
     * How often offsets, state and output are committed; under exactly-once a read_committed reader
     * sees output only after the commit, so this bounds the end-to-end latency.
     *
     * @return the commit interval
     */
    public Duration commitInterval() {
        return commitInterval;
    }

    public String stateDir() {
        return stateDir;
    }

    /**
     * The instance id and standby replicas: how this instance shares the work with the application's
     * other instances and how fast it returns after a crash.
     *
     * @return the membership
     */
    public Membership membership() {
        return membership;
    }

    /**
     * Whether the raw topic is known to be keyed by complement class (the project's producer does
     * that): every class already lives in one partition, and only numbers found outside their class's
     * partition take the repartition topic.
     *
     * @return the promise about the raw topic's keys
     */
    public boolean inputKeyedByClass() {
        return inputKeyedByClass;
    }

    /**
     * Where the application serves {@code /metrics} and {@code /health}: a port, 0 for any free one,
     * or null for no endpoint.
     *
     * @return the port, or null
     */
    public Integer metricsPort() {
        return metricsPort;
    }

    /**
     * The full KafkaStreams configuration but for the instance id, which {@link PairingApp} resolves
     * against the state directory when it starts ({@link Membership#resolveInstanceId}).
     *
     * @return the properties
     */
    public Properties streamsProperties() {
        Properties props = pipeline.kafkaProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.groupId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee(pipeline.guarantee()));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        membership.applyTo(props);
        // -1 is also Kafka Streams' own default: the broker's default.replication.factor
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(pipeline.topicPolicy().replicationFactor()));
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Integer.toString(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES));
        // With keyed input a task reads its raw partition and its repartition partition, which stays
        // empty while producers key by class. At the default (0) Kafka Streams 4.3 formats a log
        // message about the empty partition before every record it processes, 11% of the stream
        // thread in a profile; -1 skips that check. Which of two partitions goes first is not
        // deterministic either way, and nothing waits on the repartition topic's timestamps.
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        // one RocksDB memory budget for the process, not one per store
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        return props;
    }

    /**
     * The dead-letter producer's largest request: every Streams producer's {@code max.request.size}.
     *
     * @return bytes
     */
    public int deadLetterMaxRequestSize() {
        return TopicContract.maxRequestSize(streamsProperties(),
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    }

    /**
     * One line for the log, with secrets masked.
     *
     * @return the pipeline's line and the runner's own settings
     */
    public String describe() {
        Map<String, String> shown = new TreeMap<>();
        streamsProperties().forEach((key, value) -> shown.put(key.toString(),
                ClientSecrets.mask(key.toString(), value.toString())));
        return pipeline.describe()
                + " commitInterval=" + commitInterval.toMillis() + "ms"
                + " stateDir=" + stateDir
                + " instanceId=" + membership.instanceId()
                + " standbyReplicas=" + membership.standbyReplicas()
                + " inputKeyedByClass=" + inputKeyedByClass
                + " metricsPort=" + (metricsPort == null ? "none" : metricsPort)
                + " streams=" + shown;
    }

    static String processingGuarantee(Guarantee guarantee) {
        return switch (guarantee) {
            case EXACTLY_ONCE -> StreamsConfig.EXACTLY_ONCE_V2;
            case AT_LEAST_ONCE -> StreamsConfig.AT_LEAST_ONCE;
        };
    }

    /** Collects a runner's settings; {@link #build()} checks them. */
    public static final class Builder {
        private final PipelineSpec pipeline;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private String stateDir = DEFAULT_STATE_DIR;
        private Membership membership = Membership.defaults();
        private boolean inputKeyedByClass;
        private Integer metricsPort;

        private Builder(PipelineSpec pipeline) {
            this.pipeline = pipeline;
        }

        public Builder commitInterval(Duration value) {
            this.commitInterval = value;
            return this;
        }

        public Builder stateDir(String value) {
            this.stateDir = value;
            return this;
        }

        public Builder membership(Membership value) {
            this.membership = value;
            return this;
        }

        public Builder inputKeyedByClass(boolean value) {
            this.inputKeyedByClass = value;
            return this;
        }

        /** @param value the port of {@code /metrics} and {@code /health}, 0 for any free one, null for none */
        public Builder metricsPort(Integer value) {
            this.metricsPort = value;
            return this;
        }

        /**
         * The config.
         *
         * @return the config
         * @throws IllegalArgumentException for a non-positive commit interval, an empty state
         *                                  directory, or a client property that has a flag of its own
         */
        public StreamsRunnerConfig build() {
            return new StreamsRunnerConfig(this);
        }
    }
}
