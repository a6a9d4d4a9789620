package dev.pairing.flink.sink;

import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.kafka.topics.TopicContractException;
import java.io.Serializable;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How large a dead letter may be, looked up where the sink runs, each time its writer opens: a job
 * restarted after a topic's limit changed writes to the new limit.
 */
public final class DeadLetterLimit implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLimit.class);

    private final Properties kafka;
    private final String topic;
    private final int maxRequestSize;
    private final String compression;

    /** @param compression the dead-letter producer's {@code compression.type} */
    public DeadLetterLimit(Properties kafka, String topic, int maxRequestSize, String compression) {
        this.kafka = kafka;
        this.topic = topic;
        this.maxRequestSize = maxRequestSize;
        this.compression = compression;
    }

    /** A limit that is never looked up: for tests of the serializer alone. */
    public static DeadLetterLimit fixed(int limit) {
        return new DeadLetterLimit(null, null, limit, "none");
    }

    public int read() {
        if (kafka == null) {
            return maxRequestSize;
        }
        try (Admin admin = Admin.create(kafka)) {
            int limit = TopicContract.deadLetterLimit(admin, topic, maxRequestSize, compression);
            LOG.info("dead letters larger than {} bytes are truncated to fit {}", limit, topic);
            return limit;
        } catch (TopicContractException e) {
            // e.g. no DESCRIBE_CONFIGS: the broker's default is what a topic without an override has
            int assumed = TopicContract.assumedDeadLetterLimit(maxRequestSize, compression);
            LOG.warn("{}; assuming dead letters of up to {} bytes", e.getMessage(), assumed);
            return assumed;
        }
    }
}
