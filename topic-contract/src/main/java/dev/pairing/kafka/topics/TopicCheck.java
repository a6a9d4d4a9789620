package dev.pairing.kafka.topics;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Looks a topic up before a client writes to it. Without it a missing topic (or an unreachable
 * broker) shows up only after the producer's one-minute metadata wait, once per record.
 */
public final class TopicCheck {

    private static final long TIMEOUT_SECONDS = 10;

    private TopicCheck() {}

    /** Null when sending can start, otherwise what stops it, in the user's terms. */
    public static String problem(Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        String servers = client.getProperty("bootstrap.servers");
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "topic '" + topic + "' does not exist on " + servers
                        + " (create it first; `pairing kafka` creates the default topics)";
            }
            if (e.getCause() instanceof AuthenticationException) {
                // every send would fail the same way, one per record, forever: stop before the first
                return "Kafka at " + servers + " refused the credentials: " + e.getCause().getMessage()
                        + " (check security.protocol, sasl.mechanism and sasl.jaas.config in --kafkaConfig)";
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return "cannot reach Kafka at " + servers + " within " + TIMEOUT_SECONDS + " s";
            }
            // e.g. no Describe permission on a secured cluster: the sends will tell
            return null;
        } catch (TimeoutException e) {
            return "cannot reach Kafka at " + servers + " within " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
