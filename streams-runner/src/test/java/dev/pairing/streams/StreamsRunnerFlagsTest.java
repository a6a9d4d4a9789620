package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.UsageException;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.TopicPolicy;
import dev.pairing.schemas.codec.OutputEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsRunnerFlagsTest {

    @Test
    void theOriginalProjectsCommandLineWorks() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--pairSum", "12", "--bootstrapServers", "broker:9092",
                "--rawTopic", "raw-topic", "--groupId", "my-group", "--enrichedTopic", "enriched-topic",
                "--DLQ", "raw-events-dlq");

        Properties props = config.streamsProperties();
        assertThat(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("my-group");
        assertThat(props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
        assertThat(config.pipeline().pairSum()).isEqualTo(12);
        assertThat(config.pipeline().topics()).isEqualTo(PipelineTopics.DEFAULT);
        assertThat(config.pipeline().limits()).isEqualTo(PendingLimits.DEFAULT);
        assertThat(config.pipeline().topicPolicy()).isEqualTo(TopicPolicy.DEFAULT);
        assertThat(config.inputKeyedByClass()).isFalse();
    }

    @Test
    void everyFlagReachesTheConfiguration() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--pairSum", "13", "--rawTopic", "r",
                "--enrichedTopic", "e", "--DLQ", "d", "--unpairedTopic", "u", "--stateDir", "/var/lib/pairing",
                "--maxPendingPerClass", "50", "--pendingTtl", "10m", "--guarantee", "at_least_once",
                "--commitInterval", "2s", "--inputKeyedByClass", "true", "--partitions", "6", "--createTopics", "false",
                "--kafkaProperty", "num.stream.threads=2");

        assertThat(config.pipeline().pairSum()).isEqualTo(13);
        assertThat(config.pipeline().limits()).isEqualTo(new PendingLimits(50, 600_000));
        assertThat(config.pipeline().topics()).isEqualTo(new PipelineTopics("r", "e", "d", "u"));
        assertThat(config.inputKeyedByClass()).isTrue();
        assertThat(config.pipeline().guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(config.commitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.pipeline().topicPolicy().partitions()).isEqualTo(6);
        assertThat(config.pipeline().topicPolicy().createTopics()).isFalse();
        Properties props = config.streamsProperties();
        assertThat(props.getProperty("num.stream.threads")).isEqualTo("2");
        assertThat(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/var/lib/pairing");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
        assertThat(props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("localhost:9092");
    }

    @Test
    void securitySettingsComeFromAFileAndStayOutOfTheLog(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                bootstrap.servers=remote:9093
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="hunter2";
                ssl.truststore.password=changeit
                """);

        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--kafkaConfig", file.toString());

        assertThat(config.streamsProperties().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.streamsProperties().getProperty("bootstrap.servers")).isEqualTo("remote:9093");
        assertThat(config.pipeline().kafkaProperties().getProperty("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(config.describe()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=*****")
                .doesNotContain("hunter2", "changeit");
    }

    @Test
    void theRegistryAndTheOutputFormatReachTheTopologyAndTheUserInfoStaysOutOfTheLog() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--schemaRegistry", "http://registry:8085/apis/ccompat/v7",
                "--kafkaProperty", "basic.auth.user.info=pairing:s3cret", "--outputFormat", "confluent");

        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo("http://registry:8085/apis/ccompat/v7");
        assertThat(config.pipeline().registry().orElseThrow().userInfo()).isEqualTo("pairing:s3cret");
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
        assertThat(config.describe()).contains("outputFormat=confluent").doesNotContain("s3cret");
        assertThat(StreamsRunnerFlags.parse().pipeline().output()).isEqualTo(OutputEncoding.SINGLE_OBJECT);
    }

    @Test
    void credentialsInTheRegistryUrlStayOutOfTheLog() throws Exception {
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--schemaRegistry",
                "https://pairing:s3cret@registry:8085/apis/ccompat/v7");

        assertThat(config.pipeline().registry().orElseThrow().userInfo()).isEqualTo("pairing:s3cret");
        assertThat(config.describe()).doesNotContain("s3cret").contains("https://*****@registry:8085/apis/ccompat/v7");
    }

    @Test
    void confluentOutputWithoutARegistryIsAUsageError() {
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--outputFormat", "confluent"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--schemaRegistry");
    }

    @Test
    void aDeadLetterAsLargeAsTheLargestRawRecordFitsTheProducersRequest() throws Exception {
        Properties props = StreamsRunnerFlags.parse().streamsProperties();

        assertThat(Integer.parseInt(props.getProperty("producer.max.request.size")))
                .isGreaterThan(TopicContract.BROKER_DEFAULT_MAX_MESSAGE_BYTES);
        Properties own = StreamsRunnerFlags.parse("--kafkaProperty", "producer.max.request.size=5000000")
                .streamsProperties();
        assertThat(own.getProperty("producer.max.request.size")).isEqualTo("5000000");
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--pairsum", "12"))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown flag --pairsum");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--pairSum", "twelve"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--pairSum");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--guarantee", "exactly_twice"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--guarantee");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--inputKeyedByClass", "yes"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--inputKeyedByClass");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--commitInterval", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--commitInterval");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--partitions", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--partitions");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--kafkaProperty", "application.id=other"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--groupId");
        assertThatThrownBy(() -> StreamsRunnerFlags.parse("--kafkaProperty", "processing.guarantee=at_least_once"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--guarantee");
    }
}
