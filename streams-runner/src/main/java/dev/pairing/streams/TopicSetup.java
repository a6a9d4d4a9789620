package dev.pairing.streams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the four topics exist before the application starts: Kafka Streams stops with an
 * error on a missing source topic, and a producer waits a minute on a missing sink topic before it
 * fails, so either way the user would learn less than a message naming the topic.
 */
final class TopicSetup {

    private static final long ADMIN_TIMEOUT_SECONDS = 60;
    private static final long METADATA_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private TopicSetup() {}

    /** @return the topics it created */
    static List<String> ensure(Admin admin, StreamsRunnerConfig config) throws TopicsUnavailableException {
        PairingConfig pairing = config.pairing();
        Set<String> wanted = new LinkedHashSet<>(List.of(pairing.rawTopic(), pairing.enrichedTopic(),
                pairing.deadLetterTopic(), pairing.unpairedTopic()));
        List<String> missing;
        try {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            missing = wanted.stream().filter(topic -> !existing.contains(topic)).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicsUnavailableException("cannot list the topics of " + servers(config) + ": " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicsUnavailableException("interrupted while listing topics", e);
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        if (!config.createTopics()) {
            throw new TopicsUnavailableException("missing topics " + missing + " on " + servers(config)
                    + ": create them, or run with --createTopics true", null);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : missing) {
            // replication factor: the cluster's default, so the same command suits one broker and ten
            NewTopic topic = new NewTopic(name, Optional.of(config.partitions()), Optional.empty());
            if (name.equals(pairing.deadLetterTopic())) {
                // a dead letter is the raw record plus headers: give it room over the raw size limit
                topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(StreamsRunnerConfig.DEAD_LETTER_MAX_MESSAGE_BYTES)));
            }
            topics.add(topic);
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another instance was quicker
                    throw new TopicsUnavailableException("missing topic " + result.getKey() + " could not be created on "
                            + servers(config) + " (" + cause(e) + "): create it, or grant this client CREATE", e);
                }
            } catch (TimeoutException e) {
                throw new TopicsUnavailableException("creating topic " + result.getKey() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicsUnavailableException("interrupted while creating topics", e);
            }
        }
        return created;
    }

    /**
     * How many partitions a topic has; the class placement of keyed input depends on it. A topic
     * created a moment ago may not be in the metadata of the broker asked yet, so that answer is
     * asked again until the admin timeout.
     */
    static int partitions(Admin admin, StreamsRunnerConfig config, String topic) throws TopicsUnavailableException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                    throw new TopicsUnavailableException("cannot describe topic " + topic + " on " + servers(config)
                            + ": " + cause(e), e);
                }
                LockSupport.parkNanos(METADATA_RETRY_NANOS);
            } catch (TimeoutException e) {
                throw new TopicsUnavailableException("describing topic " + topic + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicsUnavailableException("interrupted while describing " + topic, e);
            }
        }
    }

    private static String servers(StreamsRunnerConfig config) {
        return config.clientProperties().getProperty("bootstrap.servers");
    }

    private static String cause(Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
