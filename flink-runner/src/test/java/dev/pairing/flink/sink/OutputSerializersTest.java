package dev.pairing.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
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
        ProducerRecord<byte[], byte[]> record = new PairSerializer("enriched", 12).serialize(pair, null, 5L);

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
        ProducerRecord<byte[], byte[]> record = new UnpairedSerializer("unpaired", 12).serialize(unpaired, null, 5L);

        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo("3");
        assertThat(record.value()).isEqualTo(OutputCodec.encode(unpaired, 12));
        assertThat(record.timestamp()).isEqualTo(1_500L);
        assertThat(record.partition()).isNull();
        assertThat(record.headers().toArray()).isEmpty();
    }

    @Test
    void aDeadLetterKeepsTheRawBytesAndCarriesTheHeadersInContractOrder() {
        DeadLetter why = new DeadLetter(RejectReason.NOT_A_NUMBER, "neither", "raw-topic", 2, 44, 9_000);
        byte[] key = {1, 2};
        byte[] value = {(byte) 0xFF};
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq")
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
        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq")
                .serialize(new DeadLetterRecord(null, null, why), null, null);

        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
    }
}
