package dev.pairing.kafka.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a pipeline needs of its topics, in one place for every module: which exist (missing ones
 * created, or named), how the dead-letter topic is created (with headroom over a raw record at the
 * broker's default limit), and what is checked before a runner starts on topics an operator made:
 * no compacted output (compaction keeps one record per key, and the pairs of a class share one),
 * and how large a dead letter may be (compression included), with a warning when that is below what
 * the raw topic takes.
 */
public final class TopicContract {

    /** The broker's default {@code message.max.bytes}, which a topic without an override inherits. */
    public static final int BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    /** Kafka's default producer {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /**
     * A dead letter is its raw record plus a few hundred bytes of headers: the dead-letter topic a
     * runner creates, and its producer's largest request, allow this much over the broker's default,
     * so a raw record at that default is never cut.
     */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = BROKER_DEFAULT_MAX_MESSAGE_BYTES + DEAD_LETTER_HEADROOM_BYTES;
    /** Room the reason headers need beyond the raw record, for the warning that dead letters may be cut. */
    static final int DEAD_LETTER_HEADER_ALLOWANCE = 1024;

    private static final long TIMEOUT_SECONDS = 60;

    /**
     * @param partitions             partitions of topics created because they are missing
     * @param replicationFactor      their replication factor, or {@link #CLUSTER_DEFAULT_REPLICATION}
     * @param createTopics           create missing topics; otherwise a missing topic is an error naming it
     * @param allowCompactedOutputs  accept output topics with {@code cleanup.policy=compact}
     * @param maxRequestSize         the dead-letter producer's {@code max.request.size}
     * @param minimumDeadLetterLimit below this a dead letter cannot even hold its reason: refuse to start
     * @param producerCompression    the dead-letter producer's {@code compression.type} (see {@link #compressionType})
     */
    public record Options(int partitions, short replicationFactor, boolean createTopics, boolean allowCompactedOutputs, int maxRequestSize,
            int minimumDeadLetterLimit, String producerCompression) {}

    /**
     * What start-up found.
     *
     * @param created         topics this call created
     * @param warnings        one line each, for the log
     * @param deadLetterLimit the most bytes one dead letter may take (as the producer counts a record)
     */
    public record Prepared(List<String> created, List<String> warnings, int deadLetterLimit) {}

    /** Topics created with the cluster's {@code default.replication.factor}. */
    public static final short CLUSTER_DEFAULT_REPLICATION = -1;

    private TopicContract() {}

    /**
     * Creates what is missing (or names it), waits until created partitions have leaders, and checks
     * the topics' settings.
     *
     * @throws TopicContractException with a one-line message when the pipeline cannot start
     */
    public static Prepared prepare(Admin admin, PipelineTopics topics, Options options, String servers)
            throws TopicContractException {
        List<String> missing;
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            missing = topics.all().stream().distinct().filter(topic -> !existing.contains(topic)).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicContractException("cannot list the topics of " + servers + ": " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicContractException("interrupted while listing topics", e);
        }
        if (!missing.isEmpty() && !options.createTopics()) {
            throw new TopicContractException("missing topics " + missing + " on " + servers
                    + ": create them, or run with --createTopics true", null);
        }
        List<String> created = create(admin, topics, missing, options.partitions(), options.replicationFactor(), servers);
        List<String> warnings = new ArrayList<>();
        int deadLetterLimit = check(admin, topics, options, warnings);
        return new Prepared(created, warnings, deadLetterLimit);
    }

    /**
     * The most bytes one dead letter may take, as the producer counts a record before it compresses
     * it: the producer's {@code max.request.size}, and the dead-letter topic's
     * {@code max.message.bytes} (the broker's default when the topic sets none) less what compression
     * can add to incompressible bytes, by the producer's codec and by the topic's
     * {@code compression.type} when the broker recompresses. Read again by a runner whenever it
     * (re)starts its writer.
     *
     * @param producerCompression the producer's {@code compression.type}, or null for none
     * @throws TopicContractException when the topic's settings cannot be read
     */
    public static int deadLetterLimit(Admin admin, String deadLetterTopic, int maxRequestSize, String producerCompression)
            throws TopicContractException {
        Map<String, Config> configs = describe(admin, List.of(deadLetterTopic));
        return limit(configs.get(deadLetterTopic), maxRequestSize, producerCompression);
    }

    /**
     * The limit to assume when the topic's settings cannot be read (no DESCRIBE_CONFIGS): the broker's
     * default {@code max.message.bytes}, stored with the producer's compression.
     */
    public static int assumedDeadLetterLimit(int maxRequestSize, String producerCompression) {
        return limit(null, maxRequestSize, producerCompression);
    }

    /** The {@code max.request.size} in these client properties, or Kafka's default. */
    public static int maxRequestSize(Map<?, ?> producerProperties, String key) {
        Object value = producerProperties.get(key);
        return value == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(value.toString().trim());
    }

    /**
     * The producer's {@code compression.type} in these client properties: the first of {@code keys}
     * set (a prefixed key such as Kafka Streams' {@code producer.compression.type} before the plain
     * one), or {@code none}.
     */
    public static String compressionType(Map<?, ?> producerProperties, String... keys) {
        for (String key : keys) {
            Object value = producerProperties.get(key);
            if (value != null && !value.toString().isBlank()) {
                BatchCompression.ofProducer(value.toString()); // refuses a codec Kafka does not know, here
                return value.toString().trim();
            }
        }
        return "none";
    }

    private static int limit(Config config, int maxRequestSize, String producerCompression) {
        BatchCompression producer = BatchCompression.ofProducer(producerCompression);
        ConfigEntry stored = config == null ? null : config.get(TopicConfig.COMPRESSION_TYPE_CONFIG);
        BatchCompression topic = BatchCompression.stored(stored == null ? null : stored.value(), producer);
        return Math.min(BatchCompression.largestUncompressed(maxMessageBytes(config), producer, topic), maxRequestSize);
    }

    /**
     * A created topic is usable once each partition has a leader; a producer that writes before
     * that gets NOT_LEADER_OR_FOLLOWER and, with several batches in flight, can end up with an
     * out-of-order sequence it never recovers from.
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                led = false; // created, but not in the metadata of the broker asked yet (seen on a loaded machine)
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " still have no leader");
            }
            Thread.sleep(100); // the controller elects leaders asynchronously; nothing to wait on but the metadata
        }
    }

    private static List<String> create(Admin admin, PipelineTopics topics, List<String> missing, int partitions,
            short replicationFactor,
            String servers) throws TopicContractException {
        if (missing.isEmpty()) {
            return List.of();
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (String name : missing) {
            // by default the cluster's replication factor, so the same command suits one broker and ten
            NewTopic topic = new NewTopic(name, Optional.of(partitions), replicationFactor == CLUSTER_DEFAULT_REPLICATION
                    ? Optional.empty() : Optional.of(replicationFactor));
            if (name.equals(topics.deadLetters())) {
                topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES)));
            }
            wanted.add(topic);
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(wanted).values().entrySet()) {
            try {
                result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker
                    throw new TopicContractException("missing topic " + result.getKey() + " could not be created on "
                            + servers + " (" + cause(e) + "): create it, or grant this client CREATE", e);
                }
            } catch (TimeoutException e) {
                throw new TopicContractException("creating topic " + result.getKey() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicContractException("interrupted while creating topics", e);
            }
        }
        try {
            awaitLeaders(admin, created);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicContractException("created topics " + created + " have no leaders: " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicContractException("interrupted while waiting for leaders of " + created, e);
        }
        return created;
    }

    private static int check(Admin admin, PipelineTopics topics, Options options, List<String> warnings)
            throws TopicContractException {
        Map<String, Config> configs;
        try {
            configs = describe(admin, topics.all());
        } catch (TopicContractException e) {
            // e.g. no DESCRIBE_CONFIGS on a secured cluster: the pipeline can run, on assumptions said aloud
            int assumed = assumedDeadLetterLimit(options.maxRequestSize(), options.producerCompression());
            warnings.add(e.getMessage() + "; assuming dead letters of up to " + assumed
                    + " bytes (the broker's default, topics that keep the producer's compression) and output topics"
                    + " that are not compacted");
            return assumed;
        }
        if (!options.allowCompactedOutputs()) {
            for (String output : topics.outputs()) {
                ConfigEntry policy = configs.get(output).get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    throw new TopicContractException("output topic " + output + " has cleanup.policy=" + policy.value()
                            + ": compaction keeps one record per key and would delete pairs of one class; use"
                            + " cleanup.policy=delete, or run with --allowCompactedOutputs true", null);
                }
            }
        }
        int topicLimit = maxMessageBytes(configs.get(topics.deadLetters()));
        int limit = limit(configs.get(topics.deadLetters()), options.maxRequestSize(), options.producerCompression());
        String why = "max.message.bytes " + topicLimit + ", producer max.request.size " + options.maxRequestSize()
                + compressionNote(configs.get(topics.deadLetters()), options.producerCompression());
        if (limit < options.minimumDeadLetterLimit()) {
            throw new TopicContractException("dead letters to " + topics.deadLetters() + " may take only " + limit
                    + " bytes (" + why + "), below the " + options.minimumDeadLetterLimit()
                    + " their headers need: raise the topic's max.message.bytes", null);
        }
        int rawLimit = maxMessageBytes(configs.get(topics.raw()));
        if (limit < (long) rawLimit + DEAD_LETTER_HEADER_ALLOWANCE) {
            warnings.add("dead letters to " + topics.deadLetters() + " may take " + limit + " bytes (" + why + "), less than "
                    + topics.raw() + "'s max.message.bytes " + rawLimit + " plus their headers: a rejected raw record"
                    + " near that size gets a truncated dead letter (headers pairing.dlq.truncated,"
                    + " pairing.dlq.original.size, pairing.dlq.original.sha256)");
        }
        return limit;
    }

    private static Map<String, Config> describe(Admin admin, List<String> names) throws TopicContractException {
        List<ConfigResource> resources = names.stream().distinct()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        try {
            Map<ConfigResource, Config> described = admin.describeConfigs(resources).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Config> byName = new java.util.HashMap<>();
            described.forEach((resource, config) -> byName.put(resource.name(), config));
            return byName;
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicContractException("cannot read the settings of " + names + ": " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicContractException("interrupted while reading topic settings", e);
        }
    }

    /** What the limit makes room for, when compression takes some of it: for the messages. */
    private static String compressionNote(Config config, String producerCompression) {
        ConfigEntry stored = config == null ? null : config.get(TopicConfig.COMPRESSION_TYPE_CONFIG);
        String topic = stored == null || stored.value() == null ? "producer" : stored.value();
        BatchCompression producer = BatchCompression.ofProducer(producerCompression);
        if (producer == BatchCompression.NONE && BatchCompression.stored(topic, producer) == BatchCompression.NONE) {
            return "";
        }
        return ", less room for the growth of incompressible bytes under producer compression.type "
                + producerCompression + " and topic compression.type " + topic;
    }

    /** The topic's effective limit: its own setting, or the broker's default the broker reports in its place. */
    private static int maxMessageBytes(Config config) {
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        return entry == null || entry.value() == null ? BROKER_DEFAULT_MAX_MESSAGE_BYTES : Integer.parseInt(entry.value());
    }

    private static String cause(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
