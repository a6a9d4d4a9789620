package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.runtime.StartupException;
import dev.pairing.schemas.registry.RegistryRefusedException;
import dev.pairing.testsupport.EmbeddedKafka;
import dev.pairing.testsupport.EmbeddedRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent-framed output under schemas an operator registered, as users of Confluent's serializer
 * run it: lookup only ({@code auto.register.schemas=false}), other subject names, and a registry that
 * refuses every registration. A real broker, a real Apicurio Registry.
 */
class OutputSchemaLookupIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();
    @RegisterExtension
    static final EmbeddedRegistry registry = new EmbeddedRegistry();

    @Test
    void lookupOnlyUnderTopicRecordNamesStartsAndWritesPairsUnderThePreRegisteredIds(@TempDir Path dir) throws Exception {
        int pair = registry.register("lookup-enriched-dev.pairing.schemas.avro.NumberPair",
                NumberPair.getClassSchema().toString());
        registry.register("lookup-unpaired-dev.pairing.schemas.avro.UnpairedNumber", UnpairedNumber.getClassSchema().toString());
        String before = registry.subjects();

        try (PairingApp app = PairingApp.start(runner(dir, "lookup", "--kafkaProperty", "auto.register.schemas=false",
                "--kafkaProperty", "value.subject.name.strategy=io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
            kafka.produce(List.of(raw("lookup-raw", 5), raw("lookup-raw", 7)));

            ConsumerRecord<byte[], byte[]> written = kafka.awaitCommitted("lookup-enriched", records -> !records.isEmpty(),
                    Duration.ofSeconds(60)).get(0);
            assertThat(ConfluentWireFormat.schemaId(written.value())).isEqualTo(pair);
            NumberPair read = new OutputReader(registry.client()).pair(written.value());
            assertThat(read.getFirst().getValue() + read.getSecond().getValue()).isEqualTo(12);
        }
        assertThat(registry.subjects()).as("nothing registered").isEqualTo(before);
    }

    @Test
    void aRegistryThatRefusesRegistrationStillServesTheLatestVersionsLookup(@TempDir Path dir) throws Exception {
        // the operator's versions: the runner's schemas, documented in their own words (same layout)
        int pair = registry.register("readonly-enriched-value", documented(NumberPair.getClassSchema().toString()));
        registry.register("readonly-unpaired-value", documented(UnpairedNumber.getClassSchema().toString()));
        registry.restartReadOnly();
        try {
            assertThatThrownBy(() -> PairingApp.start(runner(dir.resolve("registering"), "readonly")))
                    .as("registering, the runner cannot start on it")
                    .isInstanceOf(StartupException.class).hasCauseInstanceOf(RegistryRefusedException.class)
                    .hasMessageContaining("HTTP 409");

            try (PairingApp app = PairingApp.start(runner(dir.resolve("lookup"), "readonly",
                    "--kafkaProperty", "auto.register.schemas=false", "--kafkaProperty", "use.latest.version=true"))) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("reaches RUNNING").isTrue();
                kafka.produce(List.of(raw("readonly-raw", 4), raw("readonly-raw", 8)));

                ConsumerRecord<byte[], byte[]> written = kafka.awaitCommitted("readonly-enriched",
                        records -> !records.isEmpty(), Duration.ofSeconds(60)).get(0);
                assertThat(ConfluentWireFormat.schemaId(written.value())).isEqualTo(pair);
                NumberPair read = new OutputReader(registry.client()).pair(written.value());
                assertThat(read.getFirst().getValue()).isEqualTo(4);
            }
        } finally {
            registry.restart();
        }
    }

    private static StreamsRunnerConfig runner(Path dir, String name, String... more) throws Exception {
        List<String> flags = new java.util.ArrayList<>(List.of("--bootstrapServers", kafka.bootstrapServers(),
                "--schemaRegistry", registry.url(), "--outputFormat", "confluent", "--groupId", name + "-it",
                "--stateDir", dir.toString(), "--partitions", "1", "--rawTopic", name + "-raw",
                "--enrichedTopic", name + "-enriched", "--unpairedTopic", name + "-unpaired", "--DLQ", name + "-dlq"));
        flags.addAll(List.of(more));
        return StreamsRunnerFlags.parse(flags.toArray(String[]::new));
    }

    private static String documented(String schema) {
        return schema.replaceFirst("\\{", "{\"doc\":\"as the platform team registered it\",");
    }

    private static ProducerRecord<byte[], byte[]> raw(String topic, long value) {
        return new ProducerRecord<>(topic, 0, ComplementClassKey.encode(4), RawValueCodec.encodeText(value));
    }
}
