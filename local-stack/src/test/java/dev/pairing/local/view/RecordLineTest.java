package dev.pairing.local.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordLineTest {

    private final RecordLine lines = new RecordLine();

    @Test
    void aPairShowsBothNumbersAndWhereTheyCameFrom() {
        Pair pair = new Pair(new SourceEvent(5, 1, 40, 1, 81L), new SourceEvent(7, 1, 43, 2, 86L));

        RecordLine.Described line = lines.describe(record(ComplementClassKey.encode(5), OutputCodec.encode(pair, 12)));

        assertThat(line.kind()).isEqualTo(RecordLine.Kind.PAIR);
        assertThat(line.line()).isEqualTo("pair 5 + 7 = 12  [p1@40 seq 81, p1@43 seq 86]");
    }

    @Test
    void aDeadLetterShowsItsReasonFromTheHeaders() {
        RecordHeaders headers = new RecordHeaders();
        new DeadLetter(RejectReason.NOT_A_NUMBER, "neither Avro nor a decimal integer: 'seven'", "raw-topic", 0, 12, 5)
                .headers().forEach(h -> headers.add(h.name(), h.value()));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("raw-events-dlq", 0, 3, 5L,
                TimestampType.CREATE_TIME, 0, 5, null, "seven".getBytes(StandardCharsets.US_ASCII), headers,
                Optional.empty());

        assertThat(lines.describe(record).line())
                .isEqualTo("dlq  NOT_A_NUMBER  neither Avro nor a decimal integer: 'seven'  [p0@12]");
    }

    @Test
    void anUnpairedNumberShowsWhyItLeft() {
        Unpaired unpaired = new Unpaired(new SourceEvent(3, 2, 9, 1, null), UnpairedReason.EXPIRED);

        assertThat(lines.describe(record(null, OutputCodec.encode(unpaired, 12))).line())
                .isEqualTo("unpaired 3 EXPIRED  [p2@9]");
    }

    @Test
    void rawRecordsAreDecodedOrSayWhyNot() {
        assertThat(lines.describe(record(ComplementClassKey.encode(5), RawValueCodec.encodeAvro(7, 3L, 0L))).line())
                .isEqualTo("raw 7 seq 3  key 5");
        assertThat(lines.describe(record(null, new byte[0])).line()).startsWith("raw  undecodable EMPTY_VALUE");
        assertThat(lines.describe(record(null, null)).kind()).isEqualTo(RecordLine.Kind.RAW);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("t", 0, 0, key, value);
    }
}
