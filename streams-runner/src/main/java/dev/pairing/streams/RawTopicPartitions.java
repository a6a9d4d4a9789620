package dev.pairing.streams;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** How many partitions the raw topic has: the class placement of keyed input depends on it. */
final class RawTopicPartitions {

    private static final long ADMIN_TIMEOUT_SECONDS = 60;
    private static final long METADATA_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private RawTopicPartitions() {}

    /**
     * A topic created a moment ago may not be in the metadata of the broker asked yet, so that
     * answer is asked again until the admin timeout.
     */
    static int of(Admin admin, StreamsRunnerConfig config, String topic) throws TopicsUnavailableException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                    throw new TopicsUnavailableException("cannot describe topic " + topic + " on "
                            + config.clientProperties().getProperty("bootstrap.servers") + ": " + e.getCause(), e);
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
}
