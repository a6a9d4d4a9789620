package dev.pairing.flink;

import dev.pairing.flink.sink.OutputSinks;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.kafka.topics.TopicContractException;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The project's {@link TopicContract} before the job is submitted: missing topics created (with
 * {@code --partitions} and the broker's default replication) or named, the topics' settings
 * checked. Runs in the client, so a wrong address, a missing permission or a compacted output is
 * reported at once, in one line, instead of as a task failing over and over on the cluster.
 */
public final class TopicSetup {

    static final long TIMEOUT_SECONDS = 30;

    private TopicSetup() {}

    /** See {@link TopicContract#awaitLeaders}. */
    public static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        TopicContract.awaitLeaders(admin, topics);
    }

    /**
     * @return the topics it created
     * @throws IllegalStateException with a one-line message when the job cannot start on these topics
     */
    public static List<String> ensureTopics(PairingJobConfig config) {
        Properties props = config.kafkaProperties();
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_SECONDS * 1000));
        TopicContract.Options options = new TopicContract.Options(config.partitions(), config.replicationFactor(), config.createTopics(),
                config.allowCompactedOutputs(), OutputSinks.deadLetterMaxRequestSize(config), DeadLetterFit.MINIMUM_LIMIT,
                OutputSinks.deadLetterCompression(config));
        try (Admin admin = Admin.create(props)) {
            TopicContract.Prepared prepared = TopicContract.prepare(admin, config.topics(), options,
                    config.bootstrapServers());
            prepared.warnings().forEach(warning -> System.err.println("warning: " + warning));
            return prepared.created();
        } catch (TopicContractException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
