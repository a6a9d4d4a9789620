package dev.pairing.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagSetTest {

    private final FlagSet flags = new FlagSet("demo", "A demo command.")
            .option("pairSum", "12", "the sum")
            .option("pendingTtl", "0", "how long numbers wait")
            .required("rawTopic", "the input")
            .option("guarantee", "exactly_once", "delivery guarantee")
            .kafkaClient("localhost:9092");

    @Test
    void parsesBothSpellingsAndDefaults() throws Exception {
        ParsedFlags parsed = flags.parse("--rawTopic", "raw", "--pairSum=13", "--pendingTtl", "5m");
        assertThat(parsed.string("rawTopic")).isEqualTo("raw");
        assertThat(parsed.intValue("pairSum", 0, 1000)).isEqualTo(13);
        assertThat(parsed.duration("pendingTtl")).isEqualTo(Duration.ofMinutes(5));
        assertThat(parsed.string("bootstrapServers")).isEqualTo("localhost:9092");
        assertThat(parsed.isSet("bootstrapServers")).isFalse();
    }

    @Test
    void badCommandLinesAreErrorsThatNameTheFlag() {
        assertThatThrownBy(() -> flags.parse("--rawTopic", "r", "--nope", "1")).hasMessage("unknown flag --nope");
        assertThatThrownBy(() -> flags.parse("--rawTopic")).hasMessage("flag --rawTopic needs a value");
        assertThatThrownBy(() -> flags.parse("--pairSum", "3")).hasMessage("missing required flag --rawTopic");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "a", "--rawTopic", "b")).hasMessage("flag --rawTopic given twice");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "a", "stray")).hasMessageContaining("unexpected argument 'stray'");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "r", "--pairSum", "x").intValue("pairSum", 0, 10))
                .hasMessage("--pairSum must be a whole number, got 'x'");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "r", "--pairSum", "11").intValue("pairSum", 0, 10))
                .hasMessage("--pairSum must be within 0..10, got 11");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "r", "--pendingTtl", "soon").duration("pendingTtl"))
                .hasMessageContaining("--pendingTtl must be a duration");
        assertThatThrownBy(() -> flags.parse("--rawTopic", "r", "--guarantee", "maybe").choice("guarantee", "exactly_once", "at_least_once"))
                .hasMessageContaining("must be one of exactly_once, at_least_once");
    }

    @Test
    void aCommandThatIncludesAnothersFlagsPassesOnExactlyTheOnesGivenOfThem() throws Exception {
        FlagSet submit = new FlagSet("submit", "Passes the demo's flags on.").option("target", "here", "where to")
                .include(flags);

        ParsedFlags parsed = submit.parse("--target", "there", "--kafkaProperty", "a=1", "--rawTopic", "raw",
                "--schemaRegistry=http://registry", "--kafkaProperty", "b=2");

        assertThat(submit.names()).startsWith("target").containsAll(flags.names()).hasSize(flags.names().size() + 1);
        assertThat(submit.declares("schemaRegistry")).isTrue();
        assertThat(submit.declares("nope")).isFalse();
        assertThat(parsed.commandLine(flags)).containsExactly("--kafkaProperty", "a=1", "--kafkaProperty", "b=2",
                "--rawTopic", "raw", "--schemaRegistry", "http://registry");
        assertThat(flags.parse(parsed.commandLine(flags).toArray(String[]::new)).string("schemaRegistry"))
                .isEqualTo("http://registry");
        assertThatThrownBy(() -> submit.parse("--target", "t")).hasMessage("missing required flag --rawTopic");
        assertThatThrownBy(() -> new FlagSet("twice", "").option("pairSum", null, "").include(flags))
                .hasMessageContaining("--pairSum declared twice");
    }

    @Test
    void negativeNumbersAreValuesNotFlags() throws Exception {
        assertThat(flags.parse("--rawTopic", "r", "--pairSum", "-1").string("pairSum")).isEqualTo("-1");
    }

    @Test
    void helpIsRecognisedAnywhere() throws Exception {
        assertThat(flags.parse("--pairSum", "3", "--help").helpRequested()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        flags.printUsage(new PrintStream(out, true));
        assertThat(out.toString()).contains("--rawTopic", "(required)", "(default: 12)", "--kafkaProperty");
    }

    @Test
    void kafkaPropertiesLayerFileThenPropertiesThenExplicitServers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=remote:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        Properties fromFile = KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaConfig", file.toString(),
                "--kafkaProperty", "sasl.mechanism=SCRAM-SHA-512"));
        assertThat(fromFile).containsEntry("bootstrap.servers", "remote:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");

        Properties explicit = KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaConfig", file.toString(),
                "--bootstrapServers", "other:9092"));
        assertThat(explicit).containsEntry("bootstrap.servers", "other:9092");

        assertThat(KafkaClientProperties.from(flags.parse("--rawTopic", "r")))
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void theSchemaRegistryFlagOverridesTheFilesRegistryAndKeepsItsOtherSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "schema.registry.url=http://old:8081\nbasic.auth.user.info=me:secret\n");

        assertThat(KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaConfig", file.toString())))
                .containsEntry("schema.registry.url", "http://old:8081");
        assertThat(KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaConfig", file.toString(),
                "--schemaRegistry", "http://new:8085/apis/ccompat/v7")))
                .containsEntry("schema.registry.url", "http://new:8085/apis/ccompat/v7")
                .containsEntry("basic.auth.user.info", "me:secret");
        assertThat(KafkaClientProperties.from(flags.parse("--rawTopic", "r"))).doesNotContainKey("schema.registry.url");
    }

    @Test
    void kafkaPropertyErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaProperty", "novalue")))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> KafkaClientProperties.from(flags.parse("--rawTopic", "r", "--kafkaConfig",
                dir.resolve("missing").toString()))).hasMessageContaining("not found");
    }

    @Test
    void aFlagNotGivenIsReadFromItsEnvironmentVariableAndTheCommandLineWins() throws Exception {
        java.util.Map<String, String> env = java.util.Map.of("PAIRING_PAIR_SUM", "10", "PAIRING_RAW_TOPIC", "from-env",
                "PAIRING_KAFKA_PROPERTY", "ignored=1");

        ParsedFlags parsed = flags.parse(new String[] {"--rawTopic", "given"}, env::get);

        assertThat(parsed.intValue("pairSum", 0, 100)).isEqualTo(10);
        assertThat(parsed.isSet("pairSum")).isTrue();
        assertThat(parsed.fromEnvironment("pairSum")).isTrue();
        assertThat(parsed.string("rawTopic")).isEqualTo("given");
        assertThat(parsed.strings("kafkaProperty")).as("repeatable flags come from the command line only").isEmpty();
        assertThat(FlagSet.environmentName("DLQ")).isEqualTo("PAIRING_DLQ");
        assertThat(FlagSet.environmentName("bootstrapServers")).isEqualTo("PAIRING_BOOTSTRAP_SERVERS");
    }

    @Test
    void aBadValueFromTheEnvironmentSaysWhereItCameFrom() throws Exception {
        ParsedFlags parsed = flags.parse(new String[] {"--rawTopic", "r"}, name -> name.equals("PAIRING_PAIR_SUM") ? "x" : null);

        assertThatThrownBy(() -> parsed.intValue("pairSum", 0, 10))
                .hasMessage("--pairSum (from PAIRING_PAIR_SUM) must be a whole number, got 'x'");
    }
}
