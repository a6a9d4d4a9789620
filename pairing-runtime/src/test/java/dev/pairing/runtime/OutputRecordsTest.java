package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.OutputEncoding;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputRecordsTest {

    private final OutputRecords records = new OutputRecords(12, OutputEncoding.SINGLE_OBJECT);

    @Test
    void aPairIsKeyedByItsClassAndStampedByTheEventThatCompletedIt() {
        Pair pair = new Pair(new SourceEvent(7, 0, 1, 1_000, null), new SourceEvent(5, 2, 9, 2_000, 3L));

        OutputRecord record = records.pair(pair);

        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo("5");
        assertThat(record.timestamp()).isEqualTo(2_000);
        assertThat(record.headers()).isEmpty();
        assertThat(record.value()).isEqualTo(OutputCodec.encode(pair, 12));
    }

    @Test
    void anUnpairedNumberKeepsItsOwnTimestamp() {
        Unpaired unpaired = new Unpaired(new SourceEvent(9, 1, 4, 3_000, null), UnpairedReason.EVICTED);

        OutputRecord record = records.unpaired(unpaired);

        assertThat(new String(record.key(), StandardCharsets.US_ASCII)).isEqualTo("3");
        assertThat(record.timestamp()).isEqualTo(3_000);
        assertThat(record.headers()).isEmpty();
        assertThat(record.value()).isEqualTo(OutputCodec.encode(unpaired, 12));
    }

    @Test
    void aDeadLetterKeepsTheRawBytesAndSaysWhyAndWhere() {
        DeadLetter letter = new DeadLetter(RejectReason.NOT_A_NUMBER, "'x'", "raw-topic", 2, 40, 5_000);
        byte[] key = {1, 2};
        byte[] value = "x".getBytes(StandardCharsets.UTF_8);

        OutputRecord record = OutputRecords.deadLetter(key, value, letter, 1_000_000);

        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.timestamp()).isEqualTo(5_000);
        assertThat(record.headers()).extracting(h -> h.name() + "=" + new String(h.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(letter.headers().stream()
                        .map(h -> h.name() + "=" + new String(h.value(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void aDeadLetterTooLargeForItsTopicIsCutAndSaysSo() {
        DeadLetter letter = new DeadLetter(RejectReason.NOT_A_NUMBER, "garbage", "raw-topic", 0, 1, 6_000);
        byte[] value = new byte[50_000];
        new Random(1).nextBytes(value);

        OutputRecord record = OutputRecords.deadLetter(null, value, letter, 8_192);

        assertThat(record.value().length).isLessThan(8_192);
        assertThat(record.headers()).anyMatch(h -> h.name().equals(DeadLetterHeaders.TRUNCATED));
        assertThat(record.timestamp()).isEqualTo(6_000);
    }
}
