package dev.pairing.testsupport;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.avro.NumberEvent;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.RawValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bad raw values of every kind we know, each with the reason a runner must give it on the
 * dead-letter topic (for pairSum 12). Shared by both engines' tests, so each faces the same list.
 */
public final class HostileCorpus {

    /** The pairSum the expected reasons assume. */
    public static final int PAIR_SUM = 12;

    /** A bad raw record: its value (null for a tombstone), its key, and the reason it deserves. */
    public record Hostile(String name, byte[] key, byte[] value, RejectReason reason) {}

    private HostileCorpus() {}

    public static List<Hostile> all() {
        List<Hostile> corpus = new ArrayList<>();
        byte[] avro = RawValueCodec.encodeAvro(7, 123_456L, 1_700_000_000_000L);
        SourceEvent a = new SourceEvent(5, 0, 1, 2, null);
        SourceEvent b = new SourceEvent(7, 0, 2, 3, null);

        add(corpus, "null value (tombstone)", null, RejectReason.NULL_VALUE);
        add(corpus, "empty value", new byte[0], RejectReason.EMPTY_VALUE);
        add(corpus, "1 MB of garbage", filled(1 << 20, (byte) 'x'), RejectReason.TOO_LARGE);
        add(corpus, "1 MB of digits", filled(1 << 20, (byte) '7'), RejectReason.TOO_LARGE);
        add(corpus, "one byte over the limit", filled(RawValueCodec.MAX_VALUE_BYTES + 1, (byte) '1'),
                RejectReason.TOO_LARGE);
        add(corpus, "non-UTF-8 bytes", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD}, RejectReason.NOT_A_NUMBER);
        add(corpus, "NUL byte", new byte[] {0}, RejectReason.NOT_A_NUMBER);
        add(corpus, "UTF-8 BOM before 7", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '7'}, RejectReason.NOT_A_NUMBER);
        text(corpus, "7.5", RejectReason.NOT_A_NUMBER);
        text(corpus, "-1", RejectReason.OUT_OF_RANGE);
        text(corpus, "13", RejectReason.OUT_OF_RANGE);
        text(corpus, "9223372036854775808", RejectReason.OUT_OF_RANGE);
        text(corpus, "-9223372036854775809", RejectReason.OUT_OF_RANGE);
        text(corpus, "9223372036854775807", RejectReason.OUT_OF_RANGE);
        text(corpus, " 7", RejectReason.NOT_A_NUMBER);
        text(corpus, "7 ", RejectReason.NOT_A_NUMBER);
        text(corpus, "7\n", RejectReason.NOT_A_NUMBER);
        text(corpus, "\t7", RejectReason.NOT_A_NUMBER);
        text(corpus, "0x0C", RejectReason.NOT_A_NUMBER);
        text(corpus, "+7", RejectReason.NOT_A_NUMBER);
        text(corpus, "-", RejectReason.NOT_A_NUMBER);
        text(corpus, "seven", RejectReason.NOT_A_NUMBER);
        text(corpus, "1e1", RejectReason.NOT_A_NUMBER);
        text(corpus, "12abc", RejectReason.NOT_A_NUMBER);
        text(corpus, "NaN", RejectReason.NOT_A_NUMBER);
        text(corpus, "{\"value\": 7}", RejectReason.NOT_A_NUMBER);
        text(corpus, "\u0661\u0662", RejectReason.NOT_A_NUMBER);
        text(corpus, "\uFF11\uFF12", RejectReason.NOT_A_NUMBER);
        add(corpus, "Avro marker only", new byte[] {(byte) 0xC3, 0x01}, RejectReason.TRUNCATED_AVRO);
        add(corpus, "Avro header cut short", Arrays.copyOf(avro, 6), RejectReason.TRUNCATED_AVRO);
        add(corpus, "Avro header without a body", Arrays.copyOf(avro, 10), RejectReason.TRUNCATED_AVRO);
        add(corpus, "Avro body cut short", Arrays.copyOf(avro, avro.length - 1), RejectReason.TRUNCATED_AVRO);
        add(corpus, "Avro with an unknown fingerprint", unknownFingerprint(avro), RejectReason.UNKNOWN_SCHEMA);
        add(corpus, "Avro of a NumberPair", OutputCodec.encode(new Pair(a, b), PAIR_SUM), RejectReason.WRONG_SCHEMA);
        add(corpus, "Avro of an UnpairedNumber", OutputCodec.encode(new Unpaired(a, UnpairedReason.EVICTED), PAIR_SUM),
                RejectReason.WRONG_SCHEMA);
        add(corpus, "Avro with trailing bytes", Arrays.copyOf(avro, avro.length + 2), RejectReason.MALFORMED_AVRO);
        add(corpus, "Avro with a broken varint", brokenVarint(avro), RejectReason.MALFORMED_AVRO);
        add(corpus, "Avro with a bad union branch", badUnion(avro), RejectReason.MALFORMED_AVRO);
        add(corpus, "Avro -5", RawValueCodec.encodeAvro(-5, 1L, null), RejectReason.OUT_OF_RANGE);
        add(corpus, "Avro 13", RawValueCodec.encodeAvro(13, 2L, null), RejectReason.OUT_OF_RANGE);
        add(corpus, "Avro Long.MAX_VALUE", RawValueCodec.encodeAvro(Long.MAX_VALUE, 3L, null), RejectReason.OUT_OF_RANGE);
        add(corpus, "Avro Long.MIN_VALUE", RawValueCodec.encodeAvro(Long.MIN_VALUE, 4L, null), RejectReason.OUT_OF_RANGE);
        // what a Confluent serializer writes, read by a runner without --schemaRegistry
        add(corpus, "Confluent's wire format without a registry", ConfluentWireFormat.encode(7,
                new NumberEvent(7L, 5L, null)), RejectReason.SCHEMA_REGISTRY_REQUIRED);
        return corpus;
    }

    private static void add(List<Hostile> corpus, String name, byte[] value, RejectReason reason) {
        // keyed like the producer would key an out-of-class record: by some class, here by position
        byte[] key = Integer.toString(corpus.size() % (PAIR_SUM / 2 + 1)).getBytes(StandardCharsets.US_ASCII);
        corpus.add(new Hostile(name, key, value, reason));
    }

    private static void text(List<Hostile> corpus, String text, RejectReason reason) {
        add(corpus, "text '" + text.replace("\n", "\\n").replace("\t", "\\t") + "'",
                text.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static byte[] filled(int size, byte b) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, b);
        return bytes;
    }

    private static byte[] unknownFingerprint(byte[] avro) {
        byte[] copy = avro.clone();
        copy[5] ^= 0x55;
        return copy;
    }

    private static byte[] brokenVarint(byte[] avro) {
        byte[] copy = Arrays.copyOf(avro, 10 + 12);
        Arrays.fill(copy, 10, copy.length, (byte) 0xFF);
        return copy;
    }

    private static byte[] badUnion(byte[] avro) {
        byte[] copy = avro.clone();
        // value 7 is one varint byte at index 10; index 11 is the sequence union's branch
        copy[11] = 0x08;
        return copy;
    }
}
