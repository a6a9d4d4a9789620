package dev.pairing.flink;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
                    missing.add(new NewTopic(topic, Optional.of(config.partitions()), Optional.empty()));
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
