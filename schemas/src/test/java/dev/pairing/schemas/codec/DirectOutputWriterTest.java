package dev.pairing.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct writer against Avro's own writer (what encoded the outputs before it): the same bytes
 * for every outcome, in both framings. The outcomes are random but seeded, and lean on the edges of
 * every varint length, of the zig-zag sign and of the nullable sequence.
 */
class DirectOutputWriterTest {

    private static final int OUTCOMES = 50_000;
    private static final long[] EDGES = {0, 1, -1, 63, 64, -64, -65, 8191, 8192, Integer.MAX_VALUE,
            Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, (1L << 62) - 1, 1L << 62, -(1L << 62) - 1,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};

    private static final int[] SCHEMA_IDS = {0, 1, 127, 128, 255, 256, 65_536, Integer.MAX_VALUE};

    private final Random random = new Random(20261202);

    @Test
    void pairsHaveAvrosSingleObjectBytes() throws IOException {
        for (int i = 0; i < OUTCOMES; i++) {
            int pairSum = pairSum();
            Pair pair = new Pair(event(pairSum), event(pairSum));
            byte[] avro = RawValueCodec.bytes(OutputCodec.toAvro(pair, pairSum).toByteBuffer());
            assertSameBytes(OutputCodec.encode(pair, pairSum), avro, pair);
        }
    }

    @Test
    void unpairedHaveAvrosSingleObjectBytes() throws IOException {
        for (int i = 0; i < OUTCOMES; i++) {
            int pairSum = pairSum();
            Unpaired unpaired = unpaired(pairSum);
            byte[] avro = RawValueCodec.bytes(OutputCodec.toAvro(unpaired, pairSum).toByteBuffer());
            assertSameBytes(OutputCodec.encode(unpaired, pairSum), avro, unpaired);
        }
    }

    @Test
    void bothRecordsHaveAvrosConfluentBytes() {
        for (int i = 0; i < OUTCOMES; i++) {
            int pairSum = pairSum();
            OutputEncoding encoding = OutputEncoding.confluent(schemaId(), schemaId());
            Pair pair = new Pair(event(pairSum), event(pairSum));
            Unpaired unpaired = unpaired(pairSum);
            assertSameBytes(encoding.encode(pair, pairSum),
                    ConfluentWireFormat.encode(encoding.pairSchemaId(), OutputCodec.toAvro(pair, pairSum)), pair);
            assertSameBytes(encoding.encode(unpaired, pairSum),
                    ConfluentWireFormat.encode(encoding.unpairedSchemaId(), OutputCodec.toAvro(unpaired, pairSum)),
                    unpaired);
        }
    }

    @Test
    void theSingleObjectDecodersReadTheDirectBytesBack() {
        for (int i = 0; i < 2_000; i++) {
            int pairSum = pairSum();
            Pair pair = new Pair(event(pairSum), event(pairSum));
            NumberPair decodedPair = OutputCodec.decodePair(OutputCodec.encode(pair, pairSum));
            assertThat(decodedPair).isEqualTo(OutputCodec.toAvro(pair, pairSum));
            assertThat(new Pair(OutputCodec.fromAvro(decodedPair.getFirst()), OutputCodec.fromAvro(decodedPair.getSecond())))
                    .isEqualTo(pair);

            Unpaired unpaired = unpaired(pairSum);
            UnpairedNumber decodedUnpaired = OutputCodec.decodeUnpaired(OutputCodec.encode(unpaired, pairSum));
            assertThat(OutputCodec.fromAvro(decodedUnpaired.getEvent())).isEqualTo(unpaired.event());
            assertThat(decodedUnpaired.getReason().name()).isEqualTo(unpaired.reason().name());
        }
    }

    private static void assertSameBytes(byte[] direct, byte[] avro, Object outcome) {
        if (!Arrays.equals(direct, avro)) {
            HexFormat hex = HexFormat.of();
            throw new AssertionError(outcome + "\n direct " + hex.formatHex(direct) + "\n avro   " + hex.formatHex(avro));
        }
    }

    private int pairSum() {
        return switch (random.nextInt(4)) {
            case 0 -> 12;
            case 1 -> Integer.MAX_VALUE;
            default -> random.nextInt(Integer.MAX_VALUE) + 1;
        };
    }

    private SourceEvent event(int pairSum) {
        long value = random.nextInt(8) == 0 ? pairSum : random.nextLong(pairSum + 1L);
        int partition = switch (random.nextInt(6)) {
            case 0 -> Integer.MAX_VALUE;
            case 1 -> random.nextInt(); // never a real partition, but an int the schema allows
            default -> random.nextInt(1 << random.nextInt(31));
        };
        long offset = random.nextInt(5) == 0 ? Long.MAX_VALUE : random.nextLong(1L << random.nextInt(63));
        Long sequence = random.nextInt(3) == 0 ? null : anyLong();
        return new SourceEvent(value, partition, offset, anyLong(), sequence);
    }

    private Unpaired unpaired(int pairSum) {
        UnpairedReason[] reasons = UnpairedReason.values();
        return new Unpaired(event(pairSum), reasons[random.nextInt(reasons.length)]);
    }

    /** Any long, a third of them on an edge, a third spread over every varint length. */
    private long anyLong() {
        return switch (random.nextInt(3)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> random.nextLong() >> random.nextInt(64);
            default -> random.nextLong();
        };
    }

    private int schemaId() {
        return random.nextBoolean() ? SCHEMA_IDS[random.nextInt(SCHEMA_IDS.length)] : random.nextInt(Integer.MAX_VALUE);
    }
}
