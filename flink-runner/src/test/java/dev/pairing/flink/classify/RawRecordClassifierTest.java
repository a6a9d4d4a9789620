package dev.pairing.flink.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawRecordClassifierTest {

    private OneInputStreamOperatorTestHarness<RawRecord, Either<SourceEvent, DeadLetterRecord>> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ClassifierOutputs.harness(new RawRecordClassifier(12, "raw-topic"));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aValidNumberGoesOnWithItsRawProvenanceAndSequence() throws Exception {
        harness.processElement(new RawRecord(ComplementClassKey.encode(5), RawValueCodec.encodeAvro(7, 41L, 99L),
                2, 17, 1_000), 1_000);
        harness.processElement(new RawRecord(null, RawValueCodec.encodeText(12), 0, 3, 2_000), 2_000);

        assertThat(ClassifierOutputs.valid(harness)).containsExactly(
                new SourceEvent(7, 2, 17, 1_000, 41L),
                new SourceEvent(12, 0, 3, 2_000, null));
        assertThat(ClassifierOutputs.deadLetters(harness)).isEmpty();
    }

    @Test
    void everythingElseGoesToTheDeadLettersUntouchedWithReasonAndProvenance() throws Exception {
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        byte[] garbage = new byte[2 * RawValueCodec.MAX_VALUE_BYTES * 512]; // 1 MiB
        harness.processElement(new RawRecord(key, null, 0, 1, 10), 10);
        harness.processElement(new RawRecord(null, new byte[0], 1, 2, 20), 20);
        harness.processElement(new RawRecord(key, garbage, 2, 3, 30), 30);
        harness.processElement(new RawRecord(key, RawValueCodec.encodeText(13), 0, 4, 40), 40);
        harness.processElement(new RawRecord(key, "7.5".getBytes(StandardCharsets.US_ASCII), 0, 5, 50), 50);

        assertThat(ClassifierOutputs.valid(harness)).isEmpty();
        List<DeadLetterRecord> dead = ClassifierOutputs.deadLetters(harness);
        assertThat(dead).extracting(d -> d.deadLetter().reason()).containsExactly(RejectReason.NULL_VALUE,
                RejectReason.EMPTY_VALUE, RejectReason.TOO_LARGE, RejectReason.OUT_OF_RANGE,
                RejectReason.NOT_A_NUMBER);
        assertThat(java.util.Arrays.equals(dead.get(2).value(), garbage)).as("the 1 MiB value, untouched").isTrue();
        assertThat(dead.get(0).value()).isNull();
        assertThat(dead.get(1).key()).isNull();
        DeadLetter outOfRange = dead.get(3).deadLetter();
        assertThat(outOfRange).isEqualTo(new DeadLetter(RejectReason.OUT_OF_RANGE, "13 is outside 0..12",
                "raw-topic", 0, 4, 40));
    }

    @Test
    void confluentFramingWithoutARegistryIsSchemaRegistryRequiredNotANumber() throws Exception {
        byte[] framed = ConfluentWireFormat.encode(3, new NumberEvent(5L, 1L, null));
        harness.processElement(new RawRecord(ComplementClassKey.encode(5), framed, 0, 9, 90), 90);

        assertThat(ClassifierOutputs.valid(harness)).isEmpty();
        DeadLetter letter = ClassifierOutputs.deadLetters(harness).get(0).deadLetter();
        assertThat(letter.reason()).isEqualTo(RejectReason.SCHEMA_REGISTRY_REQUIRED);
        assertThat(letter.schemaId()).isEqualTo(3);
        assertThat(letter.headers()).extracting(DeadLetter.Header::name).contains(DeadLetterHeaders.SCHEMA_ID);
    }
}
