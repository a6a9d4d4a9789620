package dev.pairing.chaos;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.launcher.flink.JobSubmission;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.verify.VerifyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The four topics and the group of one pipeline under test, named after the test so that tests
 * sharing a broker never see each other's records. Two engines may share one raw topic.
 */
record Pipeline(String raw, String enriched, String deadLetters, String unpaired, String group) {

    static final int PAIR_SUM = 12;
    static final int PARTITIONS = 3;
    /** Room for a 1 MB raw value, and for its dead letter with headers. */
    static final int LARGE_RECORDS = 2 * 1024 * 1024;

    static Pipeline named(String name) {
        return new Pipeline(name + "-raw", name + "-enriched", name + "-dlq", name + "-unpaired", name);
    }

    /** Another engine's outputs and group on the same raw topic. */
    Pipeline sameInput(String name) {
        return new Pipeline(raw, name + "-enriched", name + "-dlq", name + "-unpaired", name);
    }

    List<String> topics() {
        return List.of(raw, enriched, deadLetters, unpaired);
    }

    /**
     * Creates the topics that do not exist yet, and returns once every broker knows them; raw and
     * dead-letter topics take 1 MB values.
     */
    void create(Properties client) {
        create(client, true);
    }

    /**
     * Creates the topics that do not exist yet; the raw topic takes 1 MB values, and so does the
     * dead-letter topic unless it is to have the broker's default limit, as an operator who knows
     * nothing of dead-letter headers would create it.
     */
    void create(Properties client, boolean deadLetterHeadroom) {
        try (Admin admin = Admin.create(client)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : topics()) {
                // the cluster's default replication: 1 on a single broker, 3 on the three-node cluster
                NewTopic topic = new NewTopic(name, Optional.of(PARTITIONS), Optional.empty());
                if (name.equals(raw) || (deadLetterHeadroom && name.equals(deadLetters))) {
                    topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_RECORDS)));
                }
                topics.add(topic);
            }
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + created.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("creating " + topics() + " timed out", e);
        }
        TopicsEverywhere.await(client, topics(), PARTITIONS);
    }

    /** The flags both runners share (the original project's names). */
    RunnerFlags runnerFlags(String bootstrapServers) {
        return new RunnerFlags().bootstrapServers(bootstrapServers).pairSum(PAIR_SUM)
                .topics(raw, enriched, deadLetters, unpaired).groupId(group).partitions(PARTITIONS);
    }

    /**
     * The Streams runner's command line for this pipeline, its state in {@code stateDir}: the
     * runner's own membership defaults (a static instance id kept in the state directory, a 10 s
     * session) are what the drills measure.
     */
    RunnerFlags streamsFlags(String bootstrapServers, Path stateDir) {
        return runnerFlags(bootstrapServers).stateDir(stateDir).inputKeyedByClass(true).createTopics(false);
    }

    /** The Flink job's command line for this pipeline, a checkpoint every second: exactly-once output shows at each one. */
    JobSubmission flinkJob(String bootstrapServers) {
        return JobSubmission.of(ChaosStack.build().flinkJobJar(),
                runnerFlags(bootstrapServers).checkpointInterval("1s"));
    }

    VerifyConfig verifyConfig() {
        return new VerifyConfig(PipelineSpec.builder().pairSum(PAIR_SUM).topics(raw, enriched, deadLetters, unpaired).limits(PendingLimits.DEFAULT).build(), VerifyConfig.DEFAULT_MAX_RECORDS);
    }
}
