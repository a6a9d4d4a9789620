package dev.pairing.launcher.kafka;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.kafka.topics.TopicContractException;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates a pipeline's topics on the local broker as the runners would ({@link TopicContract}:
 * the dead-letter topic with room for a raw record at the broker's limit plus its headers),
 * leaving existing ones as they are.
 */
public final class Topics {

    private Topics() {}

    public static void ensure(Properties client, int partitions, PipelineTopics topics) {
        try (Admin admin = Admin.create(client)) {
            TopicContract.prepare(admin, topics, new TopicContract.Options(partitions, TopicContract.CLUSTER_DEFAULT_REPLICATION, true, false,
                    TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES, 0, "none"), client.getProperty("bootstrap.servers"));
        } catch (TopicContractException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
