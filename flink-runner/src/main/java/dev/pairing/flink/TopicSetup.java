package dev.pairing.flink;

import dev.pairing.flink.sink.OutputSinks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes sure the job's topics exist before the job is submitted: the missing ones are created with
 * {@code --partitions} partitions and the broker's default replication. Runs in the client, so a
 * wrong address or a missing permission is reported at once, naming the topics, instead of as a
 * task failing over and over on the cluster.
 */
public final class TopicSetup {

    static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {}

    /**
     * A created topic is usable once each partition has a leader; a producer that writes before
     * that gets NOT_LEADER_OR_FOLLOWER and, with several batches in flight, can end up with an
     * out-of-order sequence it never recovers from.
     */
    public static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            boolean led = admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null);
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " still have no leader");
            }
            Thread.sleep(100); // the controller elects leaders asynchronously; nothing to wait on but the metadata
        }
    }

    /** @return the topics it created */
    public static List<String> ensureTopics(PairingJobConfig config) {
        Set<String> wanted = new LinkedHashSet<>(List.of(config.rawTopic(), config.enrichedTopic(),
                config.deadLetterTopic(), config.unpairedTopic()));
        Properties props = config.kafkaProperties();
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    NewTopic created = new NewTopic(topic, Optional.of(config.partitions()), Optional.empty());
                    if (topic.equals(config.deadLetterTopic())) {
                        // room for a raw record at the size limit plus its dead-letter headers
                        created.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                Integer.toString(OutputSinks.DEAD_LETTER_MAX_MESSAGE_BYTES)));
                    }
                    missing.add(created);
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> names = missing.stream().map(NewTopic::name).toList();
            try {
                admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // another client may have created one meanwhile: that is what we wanted
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("topics " + names + " are missing and could not be created at "
                            + config.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            awaitLeaders(admin, names);
            return names;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot check topics " + wanted + " at " + config.bootstrapServers()
                    + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics " + wanted, e);
        }
    }
}
