package dev.pairing.schemas.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How many bytes Kafka counts for a record sent alone, computed the way its producer does before
 * it sends ({@code DefaultRecordBatch.estimateBatchSizeUpperBound}, record format v2, no
 * compression): the 61-byte batch header, the record's worst-case overhead of 21 bytes, and the
 * varint-prefixed key, value and headers. The broker compares the exact batch size with the
 * topic's {@code max.message.bytes}; this estimate is at most 15 bytes above it, so a record within
 * a limit by this count passes both the producer's {@code max.request.size} and the broker.
 *
 * <p>Written out here rather than called in kafka-clients so that the schemas stay engine- and
 * client-neutral; a test pins it to Kafka's own figure.
 */
public final class RecordSize {

    /** A v2 record batch's header. */
    static final int BATCH_OVERHEAD = 61;
    /** Attributes, and the largest varints of the record length, timestamp delta and offset delta. */
    static final int RECORD_OVERHEAD_UPPER_BOUND = 21;

    private RecordSize() {}

    public static int of(byte[] key, byte[] value, List<DeadLetter.Header> headers) {
        return of(key == null ? -1 : key.length, value == null ? -1 : value.length, headersSize(headers));
    }

    /** The same with lengths; -1 is a null key or value; {@code headersSize} from {@link #headersSize}. */
    static int of(int keyLength, int valueLength, int headersSize) {
        return BATCH_OVERHEAD + RECORD_OVERHEAD_UPPER_BOUND + bytes(keyLength) + bytes(valueLength) + headersSize;
    }

    /** The headers' share: their count, then each name and value with its length. */
    static int headersSize(List<DeadLetter.Header> headers) {
        int size = varintSize(headers.size());
        for (DeadLetter.Header header : headers) {
            size += bytes(header.name().getBytes(StandardCharsets.UTF_8).length);
            size += bytes(header.value() == null ? -1 : header.value().length);
        }
        return size;
    }

    private static int bytes(int length) {
        return length < 0 ? 1 : varintSize(length) + length;
    }

    /** The length of a zig-zag varint, as Kafka writes record lengths. */
    static int varintSize(int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        int size = 1;
        while ((zigzag & 0xffffff80) != 0) {
            size++;
            zigzag >>>= 7;
        }
        return size;
    }
}
