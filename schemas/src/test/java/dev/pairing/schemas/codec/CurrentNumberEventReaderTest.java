package dev.pairing.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.validation.Decoded;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct reading of the current {@code NumberEvent} against Avro's reader (what decoded every
 * version before it): on well-formed, truncated, mutated and garbage records the codec gives the
 * same number or the same rejection, reason and detail alike.
 */
class CurrentNumberEventReaderTest {

    private static final long[] EDGES = {0, 1, -1, 63, 64, -64, -65, 12, 13, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1L << 62, -(1L << 62) - 1, Long.MAX_VALUE, Long.MIN_VALUE};

    private final Random random = new Random(20261202);
    private final RawValueCodec codec = new RawValueCodec();
    private final RawValueCodec avro = RawValueCodec.avroOnly();
    private final CurrentNumberEventReader reader = new CurrentNumberEventReader();

    @Test
    void everyWellFormedRecordIsReadDirectlyAsAvroReadsIt() {
        for (int i = 0; i < 50_000; i++) {
            long value = anyLong();
            Long sequence = random.nextInt(3) == 0 ? null : anyLong();
            byte[] record = RawValueCodec.encodeAvro(value, sequence, random.nextBoolean() ? null : anyLong());

            assertThat(reader.read(record)).isEqualTo(Decoded.number(value, sequence));
            assertSameVerdict(record);
        }
    }

    @Test
    void truncatedRecordsAtEveryLength() {
        for (int i = 0; i < 2_000; i++) {
            byte[] record = RawValueCodec.encodeAvro(anyLong(), anyLong(), anyLong());
            for (int length = 0; length < record.length; length++) {
                assertSameVerdict(Arrays.copyOf(record, length));
            }
        }
    }

    @Test
    void recordsWithABrokenOrExtraByte() {
        for (int i = 0; i < 50_000; i++) {
            long value = anyLong();
            Long sequence = random.nextBoolean() ? null : anyLong();
            byte[] record = RawValueCodec.encodeAvro(value, sequence, random.nextBoolean() ? null : anyLong());
            if (random.nextInt(4) == 0) {
                record = Arrays.copyOf(record, record.length + 1 + random.nextInt(3));
            }
            record[RawValueCodec.HEADER_BYTES + random.nextInt(record.length - RawValueCodec.HEADER_BYTES)] =
                    (byte) random.nextInt(256);
            assertSameVerdict(record);
        }
    }

    @Test
    void garbageAfterTheCurrentHeader() {
        for (int i = 0; i < 50_000; i++) {
            byte[] record = Arrays.copyOf(record(""), RawValueCodec.HEADER_BYTES + random.nextInt(32));
            for (int at = RawValueCodec.HEADER_BYTES; at < record.length; at++) {
                // mostly continuation bytes and small union indexes, where a reader can go wrong
                record[at] = (byte) switch (random.nextInt(4)) {
                    case 0 -> 0x80 | random.nextInt(128);
                    case 1 -> random.nextInt(5);
                    default -> random.nextInt(256);
                };
            }
            assertSameVerdict(record);
        }
    }

    @Test
    void encodingsAvroNeverWrites() {
        // read directly: overlong but within 64 bits, as Avro reads them
        for (String body : new String[] {"80000000", "ffffffffffffffffff010000", "feffffffffffffffff010000",
                "0e02800000"}) {
            assertThat(reader.read(record(body))).as(body).isNotNull();
            assertSameVerdict(record(body));
        }
        // left to Avro: bits past 64, eleven bytes, an overlong or unknown union index, a field missing, a byte too many
        for (String body : new String[] {"ffffffffffffffffff7f0000", "ffffffffffffffffffff010000", "0e800000",
                "0e0100", "0e0400", "0e02", "0e00", "0e0000ff"}) {
            assertThat(reader.read(record(body))).as(body).isNull();
            assertSameVerdict(record(body));
        }
    }

    private static byte[] record(String body) {
        byte[] header = Arrays.copyOf(RawValueCodec.encodeAvro(0, null, null), RawValueCodec.HEADER_BYTES);
        byte[] bytes = HexFormat.of().parseHex(body);
        byte[] record = Arrays.copyOf(header, header.length + bytes.length);
        System.arraycopy(bytes, 0, record, header.length, bytes.length);
        return record;
    }

    private void assertSameVerdict(byte[] record) {
        assertThat(codec.decode(record)).as(HexFormat.of().formatHex(record)).isEqualTo(avro.decode(record));
    }

    private long anyLong() {
        return switch (random.nextInt(3)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> random.nextLong() >> random.nextInt(64);
            default -> random.nextLong();
        };
    }
}
