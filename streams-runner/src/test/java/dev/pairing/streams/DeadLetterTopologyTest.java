package dev.pairing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
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

    static Stream<Arguments> badValues() {
        byte[] avro = RawValueCodec.encodeAvro(5, 1L, 1_700_000_000_000L);
        byte[] unknownSchema = avro.clone();
        unknownSchema[5] ^= 0x5A; // a fingerprint no schema has
        byte[] garbage = new byte[1_000_000];
        new Random(12).nextBytes(garbage);
        byte[] pair = OutputCodec.encode(new Pair(new SourceEvent(5, 0, 0, 0, null), new SourceEvent(7, 0, 1, 1, null)), 12);
        return Stream.of(
                Arguments.of(RejectReason.NULL_VALUE, null),
                Arguments.of(RejectReason.EMPTY_VALUE, new byte[0]),
                Arguments.of(RejectReason.TOO_LARGE, garbage),
                Arguments.of(RejectReason.NOT_A_NUMBER, "7.5".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(RejectReason.NOT_A_NUMBER, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00}),
                Arguments.of(RejectReason.UNKNOWN_SCHEMA, unknownSchema),
                Arguments.of(RejectReason.WRONG_SCHEMA, pair),
                Arguments.of(RejectReason.TRUNCATED_AVRO, Arrays.copyOf(avro, avro.length - 3)),
                Arguments.of(RejectReason.MALFORMED_AVRO, Arrays.copyOf(avro, avro.length + 1)),
                Arguments.of(RejectReason.OUT_OF_RANGE, RawValueCodec.encodeAvro(13, 2L, null)),
                Arguments.of(RejectReason.OUT_OF_RANGE, "-1".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aRejectedRecordKeepsItsBytesAndSaysWhyAndWhere(RejectReason reason, byte[] value) {
        pipeline = new PairingDriver(PairingDriver.config(12, PendingLimits.DEFAULT, false), stateDir);
        pipeline.sendNumber(5, 500); // so the bad record is not at offset 0
        byte[] key = {'k', 0, (byte) 0xC3};
        RecordHeaders rawHeaders = new RecordHeaders();
        rawHeaders.add("from-producer", new byte[] {1});
        pipeline.raw.pipeInput(new TestRecord<>(key, value, rawHeaders, 1_234L));
        pipeline.sendNumber(7, 2_000); // the pipeline goes on after it

        List<TestRecord<byte[], byte[]>> letters = pipeline.deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.timestamp()).isEqualTo(1_234L);
        Verdict.Rejected expected = (Verdict.Rejected) new NumberValidator(new PairingRules(12))
                .validate(new RawValueCodec().decode(value));
        assertThat(expected.reason()).isEqualTo(reason);
        List<DeadLetter.Header> wanted = new DeadLetter(reason, expected.detail(), "raw-topic", 0, 1, 1_234L).headers();
        Header[] headers = letter.headers().toArray();
        assertThat(headers).extracting(Header::key).containsExactlyElementsOf(
                wanted.stream().map(DeadLetter.Header::name).toList());
        for (int i = 0; i < headers.length; i++) {
            assertThat(headers[i].value()).as(headers[i].key()).isEqualTo(wanted.get(i).value());
        }
        assertThat(new String(letter.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(reason.name());
        assertThat(pipeline.enriched.readValuesToList()).hasSize(1);
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
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
}
