package dev.pairing.runtime;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.registry.RegistrySettings;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One pipeline, engine-neutral: what it computes (pairSum, limits on pending state), its four
 * topics, how records are encoded (registry, output format), what it may do to its topics, and how it
 * runs on Kafka (group, guarantee, client properties). Both runners, the verifier and the tools read
 * the same spec from the same flags ({@link PipelineFlags}); each runner adds only its engine's own
 * settings.
 *
 * <p>Immutable; made with {@link #builder()}, which starts from the defaults (pairSum 12, the default
 * topics, no registry, single-object Avro output).
 */
public final class PipelineSpec {

    /** The group id when none is given; each runner's flag has a default of its own. */
    public static final String DEFAULT_GROUP_ID = "pairing";

    private final int pairSum;
    private final PendingLimits limits;
    private final PipelineTopics topics;
    private final RegistrySettings registry;
    private final OutputEncoding output;
    private final TopicPolicy topicPolicy;
    private final String groupId;
    private final Guarantee guarantee;
    private final Properties kafka;

    private PipelineSpec(Builder b) {
        new PairingRules(b.pairSum); // a negative pairSum fails here, not in a running task
        this.pairSum = b.pairSum;
        this.limits = Objects.requireNonNull(b.limits, "limits");
        this.topics = Objects.requireNonNull(b.topics, "topics");
        for (String topic : topics.all()) {
            if (topic.isBlank()) {
                throw new IllegalArgumentException("a topic name must not be empty: " + topics);
            }
        }
        this.registry = b.registry;
        this.output = Objects.requireNonNull(b.output, "output");
        if (output.format() == OutputEncoding.Format.CONFLUENT && registry == null) {
            throw new IllegalArgumentException("--outputFormat confluent needs a schema registry: --schemaRegistry URL");
        }
        this.topicPolicy = Objects.requireNonNull(b.topicPolicy, "topicPolicy");
        if (b.groupId == null || b.groupId.isBlank()) {
            throw new IllegalArgumentException("the group id (--groupId) must not be empty");
        }
        this.groupId = b.groupId;
        this.guarantee = Objects.requireNonNull(b.guarantee, "guarantee");
        this.kafka = copy(b.kafka);
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: pairSum 12, default limits and topics, no registry, single-object Avro output.
     *
     * @return the default spec
     */
    public static PipelineSpec defaults() {
        return builder().build();
    }

    /**
     * A builder holding this spec's values, to change some of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().pairSum(pairSum).limits(limits).topics(topics).registry(registry).output(output)
                .topicPolicy(topicPolicy).groupId(groupId).guarantee(guarantee).kafkaProperties(kafka);
    }

    public int pairSum() {
        return pairSum;
    }

    /**
     * The pairing arithmetic for this pairSum.
     *
     * @return the rules
     */
    public PairingRules rules() {
        return new PairingRules(pairSum);
    }

    public PendingLimits limits() {
        return limits;
    }

    public PipelineTopics topics() {
        return topics;
    }

    public String rawTopic() {
        return topics.raw();
    }

    public String enrichedTopic() {
        return topics.enriched();
    }

    public String deadLetterTopic() {
        return topics.deadLetters();
    }

    public String unpairedTopic() {
        return topics.unpaired();
    }

    /**
     * The schema registry that Confluent-framed raw records name their schemas in.
     *
     * @return the registry, or empty when the raw topic holds none
     */
    public Optional<RegistrySettings> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * How pairs and unpaired records are written ({@code --outputFormat}); with Confluent's format
     * the schema ids are known only after {@link PipelineStartup} registered or looked them up.
     *
     * @return the output encoding
     */
    public OutputEncoding output() {
        return output;
    }

    public TopicPolicy topicPolicy() {
        return topicPolicy;
    }

    /**
     * The consumer group; also the base of transactional ids and internal topic names.
     *
     * @return the group id ({@code --groupId})
     */
    public String groupId() {
        return groupId;
    }

    public Guarantee guarantee() {
        return guarantee;
    }

    /**
     * The Kafka client properties every client of the pipeline starts from (servers, security, ...).
     *
     * @return a copy, for one client to adapt
     */
    public Properties kafkaProperties() {
        return copy(kafka);
    }

    /**
     * The Kafka bootstrap servers.
     *
     * @return {@code bootstrap.servers}, or null when none is set (a topology under test needs none)
     */
    public String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }

    /**
     * One line for a start-up log, secrets masked.
     *
     * @return {@code pairSum=12 rawTopic=raw-topic ...}
     */
    public String describe() {
        Map<String, String> client = new TreeMap<>();
        kafka.forEach((key, value) -> client.put(key.toString(), ClientSecrets.mask(key.toString(), value.toString())));
        return "pairSum=" + pairSum
                + " rawTopic=" + topics.raw()
                + " enrichedTopic=" + topics.enriched()
                + " DLQ=" + topics.deadLetters()
                + " unpairedTopic=" + topics.unpaired()
                + " groupId=" + groupId
                + " guarantee=" + guarantee.flagValue()
                + " maxPendingPerClass=" + limits.maxPendingPerClass()
                + " pendingTtl=" + limits.ttlMillis() + "ms"
                + " schemaRegistry=" + (registry == null ? "none" : registry)
                + " outputFormat=" + output.format().name().toLowerCase(Locale.ROOT)
                + " " + topicPolicy
                + " kafka=" + client;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PipelineSpec that && pairSum == that.pairSum && limits.equals(that.limits)
                && topics.equals(that.topics) && Objects.equals(registry, that.registry) && output.equals(that.output)
                && topicPolicy.equals(that.topicPolicy) && groupId.equals(that.groupId) && guarantee == that.guarantee
                && kafka.equals(that.kafka);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pairSum, limits, topics, registry, output, topicPolicy, groupId, guarantee, kafka);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Properties copy(Properties from) {
        Properties copy = new Properties();
        copy.putAll(from);
        return copy;
    }

    /** Collects a spec's values; {@link #build()} checks them together. */
    public static final class Builder {
        private int pairSum = PairingRules.DEFAULT_PAIR_SUM;
        private PendingLimits limits = PendingLimits.DEFAULT;
        private PipelineTopics topics = PipelineTopics.DEFAULT;
        private RegistrySettings registry;
        private OutputEncoding output = OutputEncoding.SINGLE_OBJECT;
        private TopicPolicy topicPolicy = TopicPolicy.DEFAULT;
        private String groupId = DEFAULT_GROUP_ID;
        private Guarantee guarantee = Guarantee.EXACTLY_ONCE;
        private Properties kafka = new Properties();

        private Builder() {}

        public Builder pairSum(int value) {
            this.pairSum = value;
            return this;
        }

        public Builder limits(PendingLimits value) {
            this.limits = value;
            return this;
        }

        public Builder topics(PipelineTopics value) {
            this.topics = value;
            return this;
        }

        /** The four topics by name: raw input, pairs, dead letters, unpaired. */
        public Builder topics(String raw, String enriched, String deadLetters, String unpaired) {
            return topics(new PipelineTopics(raw, enriched, deadLetters, unpaired));
        }

        /** The registry of Confluent-framed input (and Confluent-format output), or null for none. */
        public Builder registry(RegistrySettings value) {
            this.registry = value;
            return this;
        }

        public Builder output(OutputEncoding value) {
            this.output = value;
            return this;
        }

        public Builder topicPolicy(TopicPolicy value) {
            this.topicPolicy = value;
            return this;
        }

        public Builder groupId(String value) {
            this.groupId = value;
            return this;
        }

        public Builder guarantee(Guarantee value) {
            this.guarantee = value;
            return this;
        }

        /** The Kafka client properties (copied). */
        public Builder kafkaProperties(Properties value) {
            this.kafka = copy(value);
            return this;
        }

        /** One Kafka client property, on top of those given so far. */
        public Builder kafkaProperty(String key, String value) {
            this.kafka.setProperty(key, value);
            return this;
        }

        /** {@code bootstrap.servers}. */
        public Builder bootstrapServers(String servers) {
            return kafkaProperty("bootstrap.servers", servers);
        }

        /**
         * The spec, its values checked together.
         *
         * @return the spec
         * @throws IllegalArgumentException for a negative pairSum, an empty topic or group name, or
         *                                  Confluent output without a registry
         */
        public PipelineSpec build() {
            return new PipelineSpec(this);
        }
    }
}
