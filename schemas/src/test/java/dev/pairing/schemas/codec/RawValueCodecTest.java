package dev.pairing.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.Decoded;
import dev.pairing.core.validation.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawValueCodecTest {

    private final RawValueCodec codec = new RawValueCodec();

    private RejectReason reasonOf(byte[] value) {
        Decoded decoded = codec.decode(value);
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        return ((Decoded.Failure) decoded).reason();
    }

    private String detailOf(byte[] value) {
        return ((Decoded.Failure) codec.decode(value)).detail();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void avroRoundTrip() {
        byte[] bytes = RawValueCodec.encodeAvro(7, 42L, 1_700_000_000_000L);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(bytes)).isEqualTo(Decoded.number(7, 42L));
    }

    @Test
    void avroCarriesOutOfRangeNumbersForTheValidatorToReject() {
        assertThat(codec.decode(RawValueCodec.encodeAvro(-5, 1L, null))).isEqualTo(Decoded.number(-5, 1L));
        assertThat(codec.decode(RawValueCodec.encodeAvro(Long.MAX_VALUE, null, null)))
                .isEqualTo(Decoded.number(Long.MAX_VALUE, null));
    }

    @Test
    void aRecordWrittenWithVersionOneStillDecodes() throws IOException {
        Schema v1;
        try (var in = getClass().getResourceAsStream("/dev/pairing/schemas/history/NumberEvent-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecord old = new GenericData.Record(v1);
        old.put("value", 9L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

        assertThat(codec.decode(out.toByteArray())).isEqualTo(Decoded.number(9, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "12", "-1", "13", "007", "-0", "9223372036854775807", "-9223372036854775808"})
    void decimalTextDecodesAsANumber(String number) {
        assertThat(codec.decode(text(number))).isEqualTo(Decoded.number(Long.parseLong(number), null));
        assertThat(codec.decode(RawValueCodec.encodeText(Long.parseLong(number))))
                .isEqualTo(Decoded.number(Long.parseLong(number), null));
    }

    @Test
    void nullAndEmptyValues() {
        assertThat(reasonOf(null)).isEqualTo(RejectReason.NULL_VALUE);
        assertThat(reasonOf(new byte[0])).isEqualTo(RejectReason.EMPTY_VALUE);
    }

    @Test
    void aMegabyteIsTooLarge() {
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) '7');
        assertThat(reasonOf(big)).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(detailOf(big)).isEqualTo("1048576 bytes; a number record is at most 1024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.5", "abc", "0x0C", "+7", "-", "1e3", "seven", "١٢", "7\u0000"})
    void textThatIsNotADecimalInteger(String value) {
        assertThat(reasonOf(text(value))).isEqualTo(RejectReason.NOT_A_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 7", "7\n", "\t7 ", "7\r\n"})
    void surroundingWhitespaceIsNamed(String value) {
        assertThat(reasonOf(text(value))).isEqualTo(RejectReason.NOT_A_NUMBER);
        assertThat(detailOf(text(value))).startsWith("surrounding whitespace");
    }

    @Test
    void nonUtf8BytesAreShownEscaped() {
        byte[] value = {(byte) 0xFF, (byte) 0xFE, 'x'};
        assertThat(reasonOf(value)).isEqualTo(RejectReason.NOT_A_NUMBER);
        assertThat(detailOf(value)).isEqualTo("neither Avro nor a decimal integer: '\\xFF\\xFEx'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "99999999999999999999999"})
    void integersBeyond64BitsAreOutOfRange(String value) {
        assertThat(reasonOf(text(value))).isEqualTo(RejectReason.OUT_OF_RANGE);
        assertThat(detailOf(text(value))).endsWith("does not fit in 64 bits");
    }

    @Test
    void unknownFingerprint() {
        byte[] bytes = RawValueCodec.encodeAvro(7, 1L, 1L);
        bytes[5] ^= 0x55;
        assertThat(reasonOf(bytes)).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
        assertThat(detailOf(bytes)).contains("is not a released schema");
    }

    @Test
    void avroOfAnotherSchemaIsTheWrongSchema() {
        SourceEvent e = new SourceEvent(5, 0, 1, 2, null);
        byte[] pair = OutputCodec.encode(new Pair(e, new SourceEvent(7, 0, 2, 3, null)), 12);
        assertThat(reasonOf(pair)).isEqualTo(RejectReason.WRONG_SCHEMA);
        assertThat(detailOf(pair)).isEqualTo("an Avro NumberPair, not a NumberEvent");
    }

    @Test
    void truncatedAvro() {
        byte[] full = RawValueCodec.encodeAvro(7, 123456789L, 1_700_000_000_000L);
        assertThat(reasonOf(Arrays.copyOf(full, 6))).isEqualTo(RejectReason.TRUNCATED_AVRO);
        assertThat(reasonOf(Arrays.copyOf(full, 10))).isEqualTo(RejectReason.TRUNCATED_AVRO);
        assertThat(reasonOf(Arrays.copyOf(full, full.length - 1))).isEqualTo(RejectReason.TRUNCATED_AVRO);
    }

    @Test
    void malformedAvro() {
        byte[] full = RawValueCodec.encodeAvro(7, 1L, 1L);
        byte[] trailing = Arrays.copyOf(full, full.length + 3);
        assertThat(reasonOf(trailing)).isEqualTo(RejectReason.MALFORMED_AVRO);
        assertThat(detailOf(trailing)).isEqualTo("trailing bytes after the record");

        byte[] badVarint = Arrays.copyOf(full, 10 + 12);
        Arrays.fill(badVarint, 10, badVarint.length, (byte) 0xFF);
        assertThat(reasonOf(badVarint)).isEqualTo(RejectReason.MALFORMED_AVRO);

        byte[] badUnion = Arrays.copyOf(full, full.length);
        badUnion[11] = 0x08; // union branch 4 of a two-branch union
        assertThat(reasonOf(badUnion)).isEqualTo(RejectReason.MALFORMED_AVRO);
    }

    @Test
    void theDetailOfAMalformedRecordDoesNotChangeOnceTheJvmIsWarm() {
        // The JIT throws preallocated, message-less exceptions from hot code; a detail built from
        // an exception's message would then differ between a warm runner and a fresh one.
        byte[] full = RawValueCodec.encodeAvro(7, 1L, 1L);
        byte[] badUnion = Arrays.copyOf(full, full.length);
        badUnion[11] = 0x08;
        String first = detailOf(badUnion);
        for (int i = 0; i < 300_000; i++) {
            String detail = ((Decoded.Failure) codec.decode(badUnion)).detail();
            if (!detail.equals(first)) {
                throw new AssertionError("after " + i + " decodes the detail changed from '" + first + "' to '" + detail + "'");
            }
        }
    }

    @Test
    void confluentsWireFormatWithoutARegistryIsItsOwnReasonNamingTheSchemaId() {
        byte[] framed = {0, 0, 0, 1, 0x2A, 0x0E, 0x00};

        assertThat(codec.decode(framed)).isEqualTo(Decoded.failure(RejectReason.SCHEMA_REGISTRY_REQUIRED,
                "Confluent's wire format with schema id 298, but no schema registry is configured"
                        + " (schema.registry.url, --schemaRegistry)"));
        // too short for Confluent's header: no claim about the format
        assertThat(reasonOf(new byte[] {0, 0, 1})).isEqualTo(RejectReason.NOT_A_NUMBER);
    }

    @Test
    void theIdToFetchAheadIsTheOneADecodeWithARegistryWouldAskFor() {
        assertThat(RawValueCodec.registrySchemaId(new byte[] {0, 0, 0, 1, 0x2A, 0x0E})).isEqualTo(298);
        assertThat(RawValueCodec.registrySchemaId(new byte[] {0, 0, 1})).as("too short to name one").isEqualTo(-1);
        assertThat(RawValueCodec.registrySchemaId(RawValueCodec.encodeAvro(7, null, null))).isEqualTo(-1);
        assertThat(RawValueCodec.registrySchemaId(RawValueCodec.encodeText(7))).isEqualTo(-1);
        assertThat(RawValueCodec.registrySchemaId(null)).isEqualTo(-1);
        assertThat(RawValueCodec.registrySchemaId(new byte[RawValueCodec.MAX_VALUE_BYTES + 1]))
                .as("rejected as too large before it is read").isEqualTo(-1);
    }

    @Test
    void decodingNeverThrowsOnRandomBytes() {
        java.util.Random random = new java.util.Random(7);
        byte[] avro = RawValueCodec.encodeAvro(7, 99L, 5L);
        for (int i = 0; i < 20_000; i++) {
            byte[] value = i % 2 == 0 ? new byte[random.nextInt(40)] : avro.clone();
            if (i % 2 == 0) {
                random.nextBytes(value);
            } else {
                value[2 + random.nextInt(value.length - 2)] = (byte) random.nextInt();
            }
            assertThat(codec.decode(value)).isNotNull();
        }
    }
}
