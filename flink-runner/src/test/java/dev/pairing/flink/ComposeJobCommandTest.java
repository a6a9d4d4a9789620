package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.testsupport.ComposeFile;
import org.junit.jupiter.api.Test;

/**
 * The {@code flink run} line docker-compose.yml submits the job with, through the job's own flags and
 * with the service's environment, as the container runs it: the original project's flags, and the
 * registry and output format from {@code PAIRING_*} variables.
 */
class ComposeJobCommandTest {

    /** The original project's submission, after the jar. */
    static final String[] ORIGINAL_FLAGS = ComposeFile.ORIGINAL_JOB_FLAGS.toArray(String[]::new);

    @Test
    void theFlinkJobIsSubmittedWithTheOriginalFlagsAndReadsConfluentsFormat() throws Exception {
        ComposeFile compose = ComposeFile.load();
        String[] args = compose.scriptArgsAfter("flink-job", ComposeFile.JOB_JAR);
        assertThat(args).containsExactly(ORIGINAL_FLAGS);

        PairingJobConfig config = JobFlags.toConfig(JobFlags.declare().parse(args, compose.environment("flink-job")::get));

        assertThat(config.pipeline().topics()).isEqualTo(PipelineTopics.DEFAULT);
        assertThat(config.pipeline().bootstrapServers()).isEqualTo(ComposeFile.BROKER);
        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo(compose.registryUrl());
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
        assertThat(config.pipeline().groupId()).isEqualTo("my-group");
    }

    @Test
    void theOriginalSubmissionInsideTheJobManagerGetsTheSameSettings() throws Exception {
        ComposeFile compose = ComposeFile.load();
        // docker exec jobmanager flink run /opt/flink/usrlib/flink-runner.jar <the original flags>
        PairingJobConfig config = JobFlags.toConfig(JobFlags.declare().parse(ORIGINAL_FLAGS,
                compose.environment("jobmanager")::get));

        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo(compose.registryUrl());
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
    }
}
