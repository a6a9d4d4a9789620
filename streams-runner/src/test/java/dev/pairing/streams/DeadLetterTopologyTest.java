package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import dev.pairing.testsupport.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTopologyTest {

    @TempDir
    Path stateDir;

    private PairingDriver pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static Stream<Arguments> hostileRecords() {
        return HostileCorpus.all().stream().map(hostile -> Arguments.of(hostile.name(), hostile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRecords")
    void aRejectedRecordKeepsItsBytesAndSaysWhyAndWhere(String name, HostileCorpus.Hostile hostile) {
        pipeline = new PairingDriver(PairingDriver.config(HostileCorpus.PAIR_SUM, PendingLimits.DEFAULT, false), stateDir);
        pipeline.sendNumber(5, 500); // so the bad record is not at offset 0
        RecordHeaders rawHeaders = new RecordHeaders();
        rawHeaders.add("from-producer", new byte[] {1});
        pipeline.raw.pipeInput(new TestRecord<>(hostile.key(), hostile.value(), rawHeaders, 1_234L));
        pipeline.sendNumber(7, 2_000); // the pipeline goes on after it

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(hostile.key());
        assertThat(letter.value()).isEqualTo(hostile.value());
        assertThat(letter.timestamp()).isEqualTo(1_234L);
        Verdict.Rejected expected = (Verdict.Rejected) new NumberValidator(new PairingRules(HostileCorpus.PAIR_SUM))
                .validate(new RawValueCodec().decode(hostile.value()));
        Integer schemaId = hostile.reason() == RejectReason.SCHEMA_REGISTRY_REQUIRED
                ? ConfluentWireFormat.schemaId(hostile.value()) : null;
        List<DeadLetter.Header> wanted =
                new DeadLetter(hostile.reason(), expected.detail(), "raw-topic", 0, 1, 1_234L, schemaId).headers();
        Header[] headers = letter.headers().toArray();
        assertThat(headers).extracting(Header::key).as("exactly the dead-letter headers, in order")
                .containsExactlyElementsOf(wanted.stream().map(DeadLetter.Header::name).toList());
        for (int i = 0; i < headers.length; i++) {
            assertThat(headers[i].value()).as(headers[i].key()).isEqualTo(wanted.get(i).value());
        }
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(hostile.reason().name());
        assertThat(pipeline.enriched.readValuesToList()).hasSize(1);
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theCorpusCoversEveryReasonButTheRegistrys() {
        // the schema registry's verdicts need a registry: ConfluentInputIT covers them
        List<RejectReason> registryFree = Arrays.stream(RejectReason.values())
                .filter(reason -> reason != RejectReason.UNKNOWN_SCHEMA_ID && reason != RejectReason.UNRESOLVABLE_SCHEMA)
                .toList();
        assertThat(HostileCorpus.all()).extracting(HostileCorpus.Hostile::reason).containsAll(registryFree);
    }

    @Test
    void aNullKeyStaysNull() {
        pipeline = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, false), stateDir);
        pipeline.send(null, "twelve".getBytes(StandardCharsets.US_ASCII), 7);

        TestRecord<byte[], byte[]> letter = pipeline.deadLetters.readRecord();
        assertThat(letter.key()).isNull();
        assertThat(letter.value()).asString(StandardCharsets.US_ASCII).isEqualTo("twelve");
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void plainTextNumbersAreValidToo() {
        pipeline = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, false), stateDir);
        pipeline.send(null, "4".getBytes(StandardCharsets.US_ASCII), 1);
        pipeline.send(null, "8".getBytes(StandardCharsets.US_ASCII), 2);

        assertThat(pipeline.enriched.readValuesToList()).containsExactlyElementsOf(pipeline.expectedPairValues());
        assertThat(pipeline.oracle.pairs()).hasSize(1);
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aDeadLetterOverTheTopicsLimitIsCutAndSaysSo() {
        PipelineSpec config = PipelineSpec.defaults();
        try (TopologyTestDriver driver = new TopologyTestDriver(PairingTopology.builder(config).deadLetterLimit(8_192).build(),
                PairingDriver.properties(stateDir, Guarantee.EXACTLY_ONCE))) {
            TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(config.rawTopic(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(config.deadLetterTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            byte[] value = new byte[50_000];
            new java.util.Random(6).nextBytes(value);
            raw.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), 1_000L));

            TestRecord<byte[], byte[]> letter = dlq.readRecord();
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.TRUNCATED).value())
                    .isEqualTo("true".getBytes(StandardCharsets.UTF_8));
            assertThat(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SIZE).value())
                    .isEqualTo("50000".getBytes(StandardCharsets.UTF_8));
            assertThat(letter.value()).hasSizeLessThan(8_192).isEqualTo(java.util.Arrays.copyOf(value, letter.value().length));
            assertThat(letter.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
            assertThat(dlq.isEmpty()).isTrue();
        }
    }
}
