package dev.pairing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.producer.NumberProducer;
import dev.pairing.producer.NumberStream;
import dev.pairing.producer.ProducerCli;
import dev.pairing.runtime.OperationsFlags;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.streams.StreamsRunnerConfig;
import dev.pairing.streams.StreamsRunnerFlags;
import dev.pairing.testsupport.ComposeFile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command lines docker-compose.yml gives the containers, read from the file and put through the
 * flag parsers the jars use, so a misspelled flag, topic or registry address in the compose file
 * fails the suite though no Docker engine runs here. The commands, not the images: those were not
 * started here. The Flink job's command is checked in flink-runner's {@code ComposeJobCommandTest}.
 */
class ComposeCommandsTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void theTopicCreatorMakesThePipelinesTopics() {
        String script = String.join("\n", compose.command("topics"));
        Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(script);

        assertThat(loop.find()).as(script).isTrue();
        assertThat(Arrays.asList(loop.group(1).trim().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(PipelineTopics.DEFAULT.all());
    }

    @Test
    void theProducerSendsConfluentFramedNumbersToTheRawTopic() throws Exception {
        String[] args = compose.argsAfter("producer", "/opt/pairing/producer.jar");
        NumberProducer.Settings settings = ProducerCli.parse(args);
        List<String> flags = List.of(args);

        assertThat(settings.topic()).isEqualTo(PipelineTopics.DEFAULT.raw());
        assertThat(settings.format()).isEqualTo(NumberStream.Format.CONFLUENT);
        assertThat(flags.get(flags.indexOf("--bootstrapServers") + 1)).isEqualTo(ComposeFile.BROKER);
        assertThat(flags.get(flags.indexOf("--schemaRegistry") + 1)).isEqualTo(compose.registryUrl());
        assertThat(OperationsFlags.METRICS_PORT.from(ProducerCli.flags().parse(args))).as("the port the monitoring profile scrapes")
                .isEqualTo(9401);
    }

    @Test
    void theStreamsRunnerReadsAndWritesThePipelinesTopicsInConfluentsFormat() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse(
                compose.argsAfter("streams-runner", "/opt/pairing/streams-runner.jar"));

        assertThat(config.pipeline().topics()).isEqualTo(PipelineTopics.DEFAULT);
        assertThat(config.pipeline().bootstrapServers()).isEqualTo(ComposeFile.BROKER);
        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo(compose.registryUrl());
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
        assertThat(config.metricsPort()).as("the port the monitoring profile scrapes").isEqualTo(9400);
    }

    @Test
    void kafkaUiDecodesWithTheSameRegistryAndReachesTheSameBroker() {
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) compose.service("kafka-ui").get("environment");

        assertThat(environment).containsEntry("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", ComposeFile.BROKER)
                .containsEntry("KAFKA_CLUSTERS_0_SCHEMAREGISTRY", compose.registryUrl());
    }
}
