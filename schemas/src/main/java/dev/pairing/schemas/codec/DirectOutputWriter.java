package dev.pairing.schemas.codec;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.core.matching.UnpairedReason;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.UnpairedNumber;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;

/**
 * Writes {@code NumberPair} and {@code UnpairedNumber} in Avro's binary encoding straight from the
 * core's {@link Pair} and {@link Unpaired}, into an array sized exactly once. Building the specific
 * records and walking them with Avro's writer was 18% of Flink's matching task; these two schemas
 * are fixed, so their layout is written out here field by field, in schema order. The headers'
 * fingerprints and the reason's enum index come from the schemas themselves; that the rest matches
 * Avro's own writer byte for byte is what {@code DirectOutputWriterTest} checks over many random
 * outcomes (a changed .avsc fails it).
 */
final class DirectOutputWriter {

    private static final byte[] PAIR_HEADER = singleObjectHeader(NumberPair.getClassSchema());
    private static final byte[] UNPAIRED_HEADER = singleObjectHeader(UnpairedNumber.getClassSchema());
    /** The schema's enum index of each core reason, by the core's ordinal. */
    private static final int[] REASON_INDEX = reasonIndexes(UnpairedNumber.getClassSchema().getField("reason").schema());

    /** The union {@code ["null", "long"]}'s branch indexes, as zig-zag varints. */
    private static final byte NULL_BRANCH = 0;
    private static final byte LONG_BRANCH = 2;

    private DirectOutputWriter() {}

    /** Single-object encoding, as {@code NumberPair.toByteBuffer()} writes it. */
    static byte[] singleObject(Pair pair, int pairSum) {
        return pair(new Cursor(PAIR_HEADER, pairSize(pair, pairSum)), pair, pairSum);
    }

    /** Single-object encoding, as {@code UnpairedNumber.toByteBuffer()} writes it. */
    static byte[] singleObject(Unpaired unpaired, int pairSum) {
        return unpaired(new Cursor(UNPAIRED_HEADER, unpairedSize(unpaired, pairSum)), unpaired, pairSum);
    }

    /** Confluent's wire format under this schema id, as {@link ConfluentWireFormat#encode} writes it. */
    static byte[] confluent(int schemaId, Pair pair, int pairSum) {
        return pair(new Cursor(schemaId, pairSize(pair, pairSum)), pair, pairSum);
    }

    static byte[] confluent(int schemaId, Unpaired unpaired, int pairSum) {
        return unpaired(new Cursor(schemaId, unpairedSize(unpaired, pairSum)), unpaired, pairSum);
    }

    private static int pairSize(Pair pair, int pairSum) {
        return varintSize(pairSum) + varintSize(pair.low()) + varintSize(pair.high())
                + eventSize(pair.first()) + eventSize(pair.second());
    }

    private static byte[] pair(Cursor out, Pair pair, int pairSum) {
        out.varint(pairSum);
        out.varint(pair.low());
        out.varint(pair.high());
        out.event(pair.first());
        out.event(pair.second());
        return out.filled();
    }

    private static int unpairedSize(Unpaired unpaired, int pairSum) {
        return varintSize(pairSum) + eventSize(unpaired.event()) + varintSize(reasonIndex(unpaired.reason()));
    }

    private static byte[] unpaired(Cursor out, Unpaired unpaired, int pairSum) {
        out.varint(pairSum);
        out.event(unpaired.event());
        out.varint(reasonIndex(unpaired.reason()));
        return out.filled();
    }

    private static int eventSize(SourceEvent event) {
        return varintSize(event.value()) + varintSize(event.partition()) + varintSize(event.offset())
                + varintSize(event.timestamp()) + (event.sequence() == null ? 1 : 1 + varintSize(event.sequence()));
    }

    private static int reasonIndex(UnpairedReason reason) {
        return REASON_INDEX[reason.ordinal()];
    }

    /**
     * Bytes of Avro's zig-zag varint of a long; an int's encoding is the same as its value's as a
     * long, so ints come here too.
     */
    private static int varintSize(long n) {
        long zigzag = (n << 1) ^ (n >> 63);
        return (63 - Long.numberOfLeadingZeros(zigzag | 1)) / 7 + 1;
    }

    /** The array being filled: header first, then the body, with exactly its size. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;

        Cursor(byte[] header, int bodySize) {
            bytes = new byte[header.length + bodySize];
            System.arraycopy(header, 0, bytes, 0, header.length);
            position = header.length;
        }

        Cursor(int schemaId, int bodySize) {
            bytes = new byte[ConfluentWireFormat.HEADER_BYTES + bodySize];
            bytes[0] = ConfluentWireFormat.MAGIC;
            bytes[1] = (byte) (schemaId >>> 24);
            bytes[2] = (byte) (schemaId >>> 16);
            bytes[3] = (byte) (schemaId >>> 8);
            bytes[4] = (byte) schemaId;
            position = ConfluentWireFormat.HEADER_BYTES;
        }

        void event(SourceEvent event) {
            varint(event.value());
            varint(event.partition());
            varint(event.offset());
            varint(event.timestamp());
            if (event.sequence() == null) {
                bytes[position++] = NULL_BRANCH;
            } else {
                bytes[position++] = LONG_BRANCH;
                varint(event.sequence());
            }
        }

        void varint(long n) {
            long zigzag = (n << 1) ^ (n >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                bytes[position++] = (byte) ((zigzag & 0x7F) | 0x80);
                zigzag >>>= 7;
            }
            bytes[position++] = (byte) zigzag;
        }

        /** The array, once every byte the sizes promised is written: a wrong size is a bug, not a record. */
        byte[] filled() {
            if (position != bytes.length) {
                throw new IllegalStateException("wrote " + position + " of " + bytes.length + " bytes");
            }
            return bytes;
        }
    }

    private static byte[] singleObjectHeader(Schema schema) {
        return ByteBuffer.allocate(RawValueCodec.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(RawValueCodec.MARKER_0).put(RawValueCodec.MARKER_1)
                .putLong(SchemaHistory.fingerprint(schema)).array();
    }

    private static int[] reasonIndexes(Schema reasonSchema) {
        UnpairedReason[] reasons = UnpairedReason.values();
        int[] indexes = new int[reasons.length];
        for (UnpairedReason reason : reasons) {
            indexes[reason.ordinal()] = reasonSchema.getEnumOrdinal(reason.name());
        }
        return indexes;
    }
}
