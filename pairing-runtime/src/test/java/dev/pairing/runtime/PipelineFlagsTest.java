package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.flags.FlagSet;
import dev.pairing.flags.UsageException;
import dev.pairing.kafka.topics.PipelineTopics;
import dev.pairing.schemas.codec.OutputEncoding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipelineFlagsTest {

    private static FlagSet runner() {
        return PipelineFlags.declareOn(new FlagSet("runner", "a runner"), "runner-group");
    }

    private static PipelineSpec parse(String... args) throws UsageException {
        return PipelineFlags.spec(runner().parse(args));
    }

    @Test
    void theSeedsJobFlagsGiveTheSpecTheyName() throws Exception {
        PipelineSpec spec = parse("--pairSum", "10", "--bootstrapServers", "kafka:9094", "--rawTopic", "in",
                "--groupId", "g", "--enrichedTopic", "pairs", "--DLQ", "dead");

        assertThat(spec.pairSum()).isEqualTo(10);
        assertThat(spec.bootstrapServers()).isEqualTo("kafka:9094");
        assertThat(spec.topics()).isEqualTo(new PipelineTopics("in", "pairs", "dead", PipelineTopics.UNPAIRED));
        assertThat(spec.groupId()).isEqualTo("g");
    }

    @Test
    void withoutFlagsTheSpecIsTheDefaultsWithTheRunnersGroup() throws Exception {
        PipelineSpec spec = parse();

        assertThat(spec.toBuilder().groupId(PipelineSpec.DEFAULT_GROUP_ID).kafkaProperties(new java.util.Properties())
                .build()).isEqualTo(PipelineSpec.defaults());
        assertThat(spec.groupId()).isEqualTo("runner-group");
        assertThat(spec.bootstrapServers()).isEqualTo(PipelineFlags.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(spec.guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(spec.topicPolicy()).isEqualTo(TopicPolicy.DEFAULT);
        assertThat(spec.output()).isEqualTo(OutputEncoding.SINGLE_OBJECT);
    }

    @Test
    void everySharedFlagReachesTheSpec() throws Exception {
        PipelineSpec spec = parse("--unpairedTopic", "left", "--maxPendingPerClass", "50", "--pendingTtl", "10m",
                "--guarantee", "at_least_once", "--partitions", "6", "--replicationFactor", "3", "--createTopics",
                "false", "--allowCompactedOutputs", "true", "--schemaRegistry", "http://registry:8085/apis/ccompat/v7",
                "--outputFormat", "confluent", "--kafkaProperty", "security.protocol=SSL");

        assertThat(spec.unpairedTopic()).isEqualTo("left");
        assertThat(spec.limits()).isEqualTo(new PendingLimits(50, 600_000));
        assertThat(spec.guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(spec.topicPolicy()).isEqualTo(TopicPolicy.builder().partitions(6).replicationFactor((short) 3)
                .createTopics(false).allowCompactedOutputs(true).build());
        assertThat(spec.registry().orElseThrow().url()).isEqualTo("http://registry:8085/apis/ccompat/v7");
        assertThat(spec.output()).isEqualTo(OutputEncoding.CONFLUENT_UNREGISTERED);
        assertThat(spec.kafkaProperties()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void aPairSumHasOneRangeEverywhere() throws Exception {
        assertThat(parse("--pairSum", "0").pairSum()).isZero();
        assertThat(parse("--pairSum", Integer.toString(PipelineFlags.MAX_PAIR_SUM)).pairSum())
                .isEqualTo(PipelineFlags.MAX_PAIR_SUM);
        assertThatThrownBy(() -> parse("--pairSum", "-1")).isInstanceOf(UsageException.class)
                .hasMessage("--pairSum must be within 0.." + PipelineFlags.MAX_PAIR_SUM + ", got -1");
        assertThatThrownBy(() -> parse("--pairSum", "twelve")).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> parse("--partitions", "0")).hasMessageContaining("--partitions must be within 1..");
    }

    @Test
    void badValuesAreUsageErrorsThatNameTheFlag() {
        assertThatThrownBy(() -> parse("--guarantee", "maybe")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--guarantee must be exactly_once or at_least_once, got 'maybe'");
        assertThatThrownBy(() -> parse("--rawTopic", " ")).hasMessage("--rawTopic must not be empty");
        assertThatThrownBy(() -> parse("--outputFormat", "json")).hasMessageContaining("--outputFormat must be one of avro, confluent");
        assertThatThrownBy(() -> parse("--outputFormat", "confluent")).hasMessageContaining("--schemaRegistry");
        assertThatThrownBy(() -> parse("--schemaRegistry", "registry:8085")).isInstanceOf(UsageException.class)
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> parse("--createTopics", "yes")).hasMessageContaining("--createTopics must be one of true, false");
    }

    @Test
    void kafkaStreamsOwnWordForExactlyOnceIsAccepted() throws Exception {
        assertThat(parse("--guarantee", "exactly_once_v2").guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(parse("--guarantee", "AT_LEAST_ONCE").guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
    }

    @Test
    void aToolThatDeclaresOnlySomeFlagsGetsTheDefaultsForTheRest() throws Exception {
        FlagSet verifier = new FlagSet("verifier", "").add(PipelineFlags.PAIR_SUM).kafkaClient("localhost:9092")
                .add(PipelineFlags.RAW_TOPIC);

        PipelineSpec spec = PipelineFlags.spec(verifier.parse("--pairSum", "9", "--rawTopic", "in"));

        assertThat(spec.pairSum()).isEqualTo(9);
        assertThat(spec.rawTopic()).isEqualTo("in");
        assertThat(spec.enrichedTopic()).isEqualTo(PipelineTopics.ENRICHED);
        assertThat(spec.topicPolicy()).isEqualTo(TopicPolicy.DEFAULT);
    }

    @Test
    void theUsageShowsEachFlagsRangeAndDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runner().printUsage(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--pairSum", "(0.." + PipelineFlags.MAX_PAIR_SUM + ") (default: 12)")
                .contains("--groupId", "(default: runner-group)")
                .contains("--DLQ", "(default: raw-events-dlq)");
    }

    @Test
    void theLogLineMasksSecrets() throws Exception {
        PipelineSpec spec = parse("--kafkaProperty", "sasl.jaas.config=secret-stuff", "--kafkaProperty",
                "ssl.truststore.password=changeit", "--kafkaProperty", "security.protocol=SASL_SSL");

        assertThat(spec.describe()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=*****")
                .doesNotContain("secret-stuff", "changeit");
    }
}
