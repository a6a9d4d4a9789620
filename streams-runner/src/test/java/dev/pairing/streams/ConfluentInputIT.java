package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.validation.RejectReason;
import dev.pairing.runtime.StartupException;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.testsupport.EmbeddedKafka;
import dev.pairing.testsupport.EmbeddedRegistry;
import dev.pairing.testsupport.ForeignWriterSchemas;
import dev.pairing.verify.VerifyCli;
import dev.pairing.verify.VerifyConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw numbers in Confluent's wire format, written by another team's producer with two compatible
 * schema versions, on a real broker and a real registry; the registry killed while a record of a
 * schema the runner has not fetched yet waits.
 */
class ConfluentInputIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();
    @RegisterExtension
    static final EmbeddedRegistry registry = new EmbeddedRegistry();

    @Test
    void pairsEveryCompatibleVersionDeadLettersWhatTheRegistryRefusesAndWaitsOutTheRegistry(@TempDir Path dir)
            throws Exception {
        int v1 = registry.register("raw-topic-value", ForeignWriterSchemas.V1.toString());
        int v2 = registry.register("raw-topic-value", ForeignWriterSchemas.V2.toString());
        int v3 = registry.register("raw-topic-value", ForeignWriterSchemas.V3.toString());
        int pairSchema = registry.register("enriched-topic-value", NumberPair.getClassSchema().toString());
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--schemaRegistry", registry.url(), "--groupId", "confluent-input-it", "--stateDir", dir.toString(),
                "--partitions", "1",
                // the registry's restart must fit in the retry budget even on a loaded machine
                "--kafkaProperty", "schema.registry.unavailable.max.ms=120000");
        byte[] truncated = ForeignWriterSchemas.framed(v2, ForeignWriterSchemas.V2, 5, 4);

        try (PairingApp app = PairingApp.start(config)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
            kafka.produce(List.of(
                    raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 5, 1)),
                    raw(ForeignWriterSchemas.framed(v2, ForeignWriterSchemas.V2, 7, 2)),
                    raw(ForeignWriterSchemas.framed(424_242, ForeignWriterSchemas.V1, 7, 3)),
                    raw(Arrays.copyOf(truncated, truncated.length - 2)),
                    raw(new byte[] {0, 0, 0, 0, (byte) pairSchema, 2})));

            List<ConsumerRecord<byte[], byte[]>> letters = kafka.awaitCommitted("raw-events-dlq",
                    records -> records.size() >= 3, Duration.ofSeconds(60));
            assertThat(letters).extracting(letter -> RecordedOutcome.deadLetter(letter).reason())
                    .containsExactly(RejectReason.UNKNOWN_SCHEMA_ID, RejectReason.TRUNCATED_AVRO,
                            RejectReason.UNRESOLVABLE_SCHEMA);
            assertThat(pairsOf(kafka.awaitCommitted("enriched-topic", records -> !records.isEmpty(),
                    Duration.ofSeconds(60)))).containsExactly("5+7");

            // v3 was never asked for: with the registry down, the runner must wait for it, not dead-letter
            registry.kill();
            kafka.produce(List.of(raw(ForeignWriterSchemas.framed(v3, ForeignWriterSchemas.V3, 4, 6)),
                    raw(ForeignWriterSchemas.framed(v1, ForeignWriterSchemas.V1, 8, 7))));
            registry.restart();

            assertThat(pairsOf(kafka.awaitCommitted("enriched-topic", records -> records.size() >= 2,
                    Duration.ofSeconds(150)))).containsExactly("5+7", "4+8");
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(kafka.readCommitted("raw-events-dlq")).as("nothing dead-lettered for the outage").hasSize(3);
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int verdict = VerifyCli.run(VerifyConfig.of(config.pipeline()), new PrintStream(report, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(verdict).as(report.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void anOutputSchemaTheRegistryRefusesStopsTheStartBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        registry.register("strict-enriched-value", "{\"type\":\"record\",\"name\":\"NumberPair\","
                + "\"namespace\":\"dev.pairing.schemas.avro\",\"fields\":[{\"name\":\"pairSum\",\"type\":\"string\"}]}");
        registry.setCompatibility("strict-enriched-value", "BACKWARD");
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--schemaRegistry", registry.url(), "--outputFormat", "confluent", "--enrichedTopic", "strict-enriched",
                "--groupId", "confluent-refused-it", "--stateDir", dir.toString());

        assertThatThrownBy(() -> PairingApp.start(config)).isInstanceOf(StartupException.class)
                .hasMessageContaining("refused the schema for subject strict-enriched-value (HTTP 409)")
                .hasCauseInstanceOf(RegistryRefusedException.class);
    }

    @Test
    void aRegistryUrlThatIsNotTheConfluentApiStopsTheStartInOneLine(@TempDir Path dir) throws Exception {
        String base = registry.url().replace("/apis/ccompat/v7", "");
        StreamsRunnerConfig config = StreamsRunnerFlags.parse("--bootstrapServers", kafka.bootstrapServers(),
                "--schemaRegistry", base, "--groupId", "confluent-wrong-url-it", "--stateDir", dir.toString());

        assertThatThrownBy(() -> PairingApp.start(config)).isInstanceOf(StartupException.class)
                .hasCauseInstanceOf(RegistryRefusedException.class)
                .hasMessageContaining("does not answer like Confluent's Schema Registry API")
                .hasMessageContaining("GET " + base + "/subjects gave HTTP 404");
    }

    private static ProducerRecord<byte[], byte[]> raw(byte[] value) {
        return new ProducerRecord<>("raw-topic", 0, ComplementClassKey.encode(5), value);
    }

    private static List<String> pairsOf(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> OutputCodec.decodePair(record.value()))
                .map(pair -> pair.getFirst().getValue() + "+" + pair.getSecond().getValue()).toList();
    }
}
