package dev.pairing.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.UsageException;
import dev.pairing.runtime.Guarantee;
import dev.pairing.schemas.codec.OutputEncoding;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobFlagsTest {

    @Test
    void theOriginalCommandLineStillWorks() throws UsageException {
        PairingJobConfig config = JobFlags.parse("--pairSum", "12", "--bootstrapServers", "kafka:9094",
                "--rawTopic", "raw-topic", "--groupId", "my-group", "--enrichedTopic", "enriched-topic",
                "--DLQ", "raw-events-dlq");

        assertThat(config.pipeline().pairSum()).isEqualTo(12);
        assertThat(config.pipeline().bootstrapServers()).isEqualTo("kafka:9094");
        assertThat(config.pipeline().rawTopic()).isEqualTo("raw-topic");
        assertThat(config.pipeline().groupId()).isEqualTo("my-group");
        assertThat(config.pipeline().enrichedTopic()).isEqualTo("enriched-topic");
        assertThat(config.pipeline().deadLetterTopic()).isEqualTo("raw-events-dlq");
        assertThat(config.pipeline().unpairedTopic()).isEqualTo("unpaired-topic");
        assertThat(config.pipeline().guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(config.pipeline().limits()).isEqualTo(PendingLimits.DEFAULT);
        assertThat(config.transactionalIdPrefix("enriched")).isEqualTo("my-group-enriched");
        assertThat(config.transactionTimeout()).as("until the broker's maximum is read: Kafka's default maximum")
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theStreamsRunnersFlagsAndTheFlinkOnesAreUnderstood() throws UsageException {
        PairingJobConfig config = JobFlags.parse("--unpairedTopic", "u", "--maxPendingPerClass", "5",
                "--pendingTtl", "30s", "--kafkaProperty", "security.protocol=PLAINTEXT", "--guarantee", "at_least_once",
                "--checkpointInterval", "2s", "--partitions", "6", "--replicationFactor", "3");

        assertThat(config.pipeline().unpairedTopic()).isEqualTo("u");
        assertThat(config.pipeline().limits()).isEqualTo(new PendingLimits(5, 30_000));
        assertThat(config.pipeline().kafkaProperties()).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(config.pipeline().guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.pipeline().topicPolicy().partitions()).isEqualTo(6);
        assertThat(config.pipeline().topicPolicy().replicationFactor()).isEqualTo((short) 3);
        assertThat(JobFlags.parse().pipeline().topicPolicy().replicationFactor()).as("the cluster's default").isEqualTo((short) -1);
    }

    @Test
    void theRegistryAndTheOutputFormatAreUnderstoodAndConfluentOutputNeedsARegistry() throws UsageException {
        PairingJobConfig config = JobFlags.parse("--schemaRegistry", "http://registry:8085/apis/ccompat/v7",
                "--outputFormat", "confluent");

        assertThat(config.pipeline().registry().orElseThrow().url()).isEqualTo("http://registry:8085/apis/ccompat/v7");
        assertThat(config.pipeline().output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
        assertThat(JobFlags.parse().pipeline().output()).isEqualTo(OutputEncoding.SINGLE_OBJECT);
        assertThatThrownBy(() -> JobFlags.parse("--outputFormat", "confluent"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--schemaRegistry");
        assertThatThrownBy(() -> JobFlags.parse("--schemaRegistry", "registry:8085"))
                .isInstanceOf(UsageException.class).hasMessageContaining("http or https");
    }

    @Test
    void anUnknownFlagOrAMissingValueIsAnError() {
        assertThatThrownBy(() -> JobFlags.parse("--rawtopic", "x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown flag --rawtopic");
        assertThatThrownBy(() -> JobFlags.parse("--groupId")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--groupId needs a value");
        assertThatThrownBy(() -> JobFlags.parse("--guarantee", "exactly_twice")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--guarantee");
        assertThatThrownBy(() -> JobFlags.parse("--DLQ", " ")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--DLQ must not be empty");
    }

    @Test
    void aCheckpointIntervalTheTransactionsCannotOutliveIsRejected() {
        assertThatThrownBy(() -> JobFlags.parse("--checkpointInterval", "8m")).isInstanceOf(UsageException.class)
                .hasMessageContaining("transaction.timeout.ms");
        assertThatThrownBy(() -> JobFlags.parse("--checkpointInterval", "1s",
                "--kafkaProperty", "transaction.timeout.ms=1500")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> JobFlags.parse("--checkpointInterval", "10ms")).isInstanceOf(UsageException.class)
                .hasMessageContaining("at least");
    }
}
