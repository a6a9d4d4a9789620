package dev.pairing.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The records the sinks write, checked against the output contracts both engines share. */
class OutputSerializersTest {

    private final SourceEvent three = new SourceEvent(3, 1, 10, 1_000, 7L);
    private final SourceEvent nine = new SourceEvent(9, 1, 12, 1_500, null);

    @Test
    void aPairIsKeyedByItsClassStampedWithTheSecondEventAndHasNoHeaders() {
        Pair pair = new Pair(three, nine);
        ProducerRecord<byte[], byte[]> record = new PairSerializer("enriched", new OutputRecords(12, OutputEncoding.SINGLE_OBJECT)).serialize(pair, null, 5L);

        assertThat(record.topic()).isEqualTo("enriched");
        assertThat(record.partition()).as("left to the default partitioner").isNull();
        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo("3");
        assertThat(record.value()).isEqualTo(OutputCodec.encode(pair, 12));
        assertThat(record.timestamp()).isEqualTo(1_500L);
        assertThat(record.headers().toArray()).isEmpty();
    }

    @Test
    void anUnpairedNumberIsKeyedByItsClassAndStampedWithItsOwnTime() {
        Unpaired unpaired = new Unpaired(nine, UnpairedReason.EXPIRED);
        ProducerRecord<byte[], byte[]> record = new UnpairedSerializer("unpaired", new OutputRecords(12, OutputEncoding.SINGLE_OBJECT)).serialize(unpaired, null, 5L);

        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo("3");
        assertThat(record.value()).isEqualTo(OutputCodec.encode(unpaired, 12));
        assertThat(record.timestamp()).isEqualTo(1_500L);
        assertThat(record.partition()).isNull();
        assertThat(record.headers().toArray()).isEmpty();
    }

    private static final DeadLetterLimit ROOMY = DeadLetterLimit.fixed(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES);

    @Test
    void aDeadLetterKeepsTheRawBytesAndCarriesTheHeadersInContractOrder() {
        DeadLetter why = new DeadLetter(RejectReason.NOT_A_NUMBER, "neither", "raw-topic", 2, 44, 9_000);
        byte[] key = {1, 2};
        byte[] value = {(byte) 0xFF};
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq", ROOMY)
                .serialize(new DeadLetterRecord(key, value, why), null, 5L);

        assertThat(record.key()).isSameAs(key);
        assertThat(record.value()).isSameAs(value);
        assertThat(record.timestamp()).isEqualTo(9_000L);
        assertThat(record.partition()).isNull();
        Header[] headers = record.headers().toArray();
        assertThat(Arrays.stream(headers).map(Header::key).toList())
                .isEqualTo(why.headers().stream().map(DeadLetter.Header::name).toList());
        assertThat(Arrays.stream(headers).map(Header::value).toList())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(why.headers().stream().map(DeadLetter.Header::value).toList());
    }

    @Test
    void aTombstoneStaysATombstone() {
        DeadLetter why = new DeadLetter(RejectReason.NULL_VALUE, "none", "raw-topic", 0, 1, 2);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq", ROOMY)
                .serialize(new DeadLetterRecord(null, null, why), null, null);

        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
    }

    @Test
    void aDeadLetterOverTheLimitIsCutAsTheSharedFunctionCutsIt() {
        DeadLetter why = new DeadLetter(RejectReason.TOO_LARGE, "20000 bytes; a number record is at most 1024",
                "raw-topic", 1, 7, 3_000);
        byte[] value = new byte[20_000];
        new java.util.Random(3).nextBytes(value);
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq", DeadLetterLimit.fixed(8_192))
                .serialize(new DeadLetterRecord(new byte[] {5}, value, why), null, null);

        DeadLetterFit.Fitted expected = DeadLetterFit.fit(new byte[] {5}, value, why, 8_192);
        assertThat(expected.truncated()).isTrue();
        assertThat(record.value()).isEqualTo(expected.value());
        assertThat(record.key()).isEqualTo(new byte[] {5});
        assertThat(record.headers().lastHeader(DeadLetterHeaders.ORIGINAL_SHA256).value())
                .isEqualTo(DeadLetterFit.sha256Hex(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Arrays.stream(record.headers().toArray()).map(Header::key).toList())
                .isEqualTo(expected.headers().stream().map(DeadLetter.Header::name).toList());
    }

    @Test
    void theOneSinkWritesEachOutputToItsTopicExactlyAsItsOwnSerializerDoes() {
        OutputRecords records = new OutputRecords(12, OutputEncoding.SINGLE_OBJECT);
        PairSerializer pairs = new PairSerializer("enriched", records);
        UnpairedSerializer unpaired = new UnpairedSerializer("unpaired", records);
        DeadLetterSerializer deadLetters = new DeadLetterSerializer("dlq", ROOMY);
        OutgoingSerializer outputs = new OutgoingSerializer(pairs, unpaired, deadLetters);
        Pair pair = new Pair(three, nine);
        Unpaired left = new Unpaired(nine, UnpairedReason.EVICTED);
        DeadLetterRecord letter = new DeadLetterRecord(new byte[] {1}, new byte[] {2},
                new DeadLetter(RejectReason.NOT_A_NUMBER, "neither", "raw-topic", 2, 44, 9_000));

        assertSameRecord(outputs.serialize(Outgoing.of(pair), null, 5L), pairs.serialize(pair, null, 5L));
        assertSameRecord(outputs.serialize(Outgoing.of(left), null, 5L), unpaired.serialize(left, null, 5L));
        assertSameRecord(outputs.serialize(Outgoing.of(letter), null, 5L), deadLetters.serialize(letter, null, 5L));
    }

    private static void assertSameRecord(ProducerRecord<byte[], byte[]> actual, ProducerRecord<byte[], byte[]> expected) {
        assertThat(actual.topic()).isEqualTo(expected.topic());
        assertThat(actual.partition()).isEqualTo(expected.partition());
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(actual.headers().toArray()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(expected.headers().toArray());
    }
}
