package dev.pairing.runtime;

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
    static int of(Admin admin, String topic, String servers) throws StartupException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                    throw new StartupException("cannot describe topic " + topic + " on " + servers + ": " + e.getCause(), e);
                }
                // nothing to wait on but the metadata reaching the broker asked
                LockSupport.parkNanos(METADATA_RETRY_NANOS);
            } catch (TimeoutException e) {
                throw new StartupException("describing topic " + topic + " on " + servers + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while describing " + topic, e);
            }
        }
    }
}
