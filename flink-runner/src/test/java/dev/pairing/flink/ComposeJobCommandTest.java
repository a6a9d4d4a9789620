package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.testsupport.ComposeFile;
import org.junit.jupiter.api.Test;

/** The {@code flink run} line docker-compose.yml submits the job with, through the job's own flags. */
class ComposeJobCommandTest {

    @Test
    void theFlinkJobIsSubmittedWithThePipelinesTopicsInConfluentsFormat() throws Exception {
        ComposeFile compose = ComposeFile.load();
        PairingJobConfig config = JobFlags.parse(compose.scriptArgsAfter("flink-job", "/opt/pairing/flink-runner.jar"));

        assertThat(config.pipeline().topics()).isEqualTo(PipelineTopics.DEFAULT);
        assertThat(config.pipeline().bootstrapServers()).isEqualTo(ComposeFile.BROKER);
        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo(compose.registryUrl());
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
    }
}
