package dev.pairing.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import org.junit.jupiter.api.Test;

class OutputCodecTest {

    private final SourceEvent seven = new SourceEvent(7, 2, 100, 1_000, 41L);
    private final SourceEvent five = new SourceEvent(5, 2, 105, 1_005, null);

    @Test
    void pairRoundTripKeepsProvenanceAndOrder() {
        NumberPair decoded = OutputCodec.decodePair(OutputCodec.encode(new Pair(seven, five), 12));

        assertThat(decoded.getPairSum()).isEqualTo(12);
        assertThat(decoded.getLow()).isEqualTo(5);
        assertThat(decoded.getHigh()).isEqualTo(7);
        assertThat(OutputCodec.fromAvro(decoded.getFirst())).isEqualTo(seven);
        assertThat(OutputCodec.fromAvro(decoded.getSecond())).isEqualTo(five);
    }

    @Test
    void theSamePairAlwaysHasTheSameBytes() {
        assertThat(OutputCodec.encode(new Pair(seven, five), 12))
                .isEqualTo(OutputCodec.encode(new Pair(seven, five), 12))
                .isNotEqualTo(OutputCodec.encode(new Pair(five, seven), 12));
    }

    @Test
    void unpairedRoundTrip() {
        UnpairedNumber decoded = OutputCodec.decodeUnpaired(
                OutputCodec.encode(new Unpaired(seven, UnpairedReason.EXPIRED), 12));
        assertThat(OutputCodec.fromAvro(decoded.getEvent())).isEqualTo(seven);
        assertThat(decoded.getReason().name()).isEqualTo("EXPIRED");
    }

    @Test
    void decodingTheWrongKindFails() {
        assertThatThrownBy(() -> OutputCodec.decodePair(RawValueCodec.encodeAvro(1, 1L, 1L)))
                .hasMessageContaining("NumberPair");
    }

    @Test
    void complementClassKeys() {
        assertThat(ComplementClassKey.encode(6)).isEqualTo("6".getBytes());
        assertThat(ComplementClassKey.decode("499".getBytes())).isEqualTo(499);
        assertThat(ComplementClassKey.decode("x".getBytes())).isEqualTo(-1);
        assertThat(ComplementClassKey.decode(null)).isEqualTo(-1);
    }
}
