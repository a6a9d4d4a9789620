package dev.pairing.kafka.topics;

import java.util.Locale;

/**
 * The codecs Kafka compresses a record batch with, and the most bytes each can make of {@code n}
 * incompressible ones (the bounds below follow the output streams Kafka 4.3's clients and broker
 * wrap each codec in). A v2 batch keeps its 61-byte header uncompressed and compresses its records,
 * and both the broker's {@code max.message.bytes} check and its check after recompressing to the
 * topic's {@code compression.type} count the compressed batch; the producer's
 * {@code max.request.size} check counts it uncompressed. So a dead letter cut to a limit by the
 * uncompressed count alone can still be refused once compressed: random bytes only grow.
 */
enum BatchCompression {
    NONE, GZIP, SNAPPY, LZ4, ZSTD;

    /** The v2 batch header, outside the compressed part (DefaultRecordBatch.RECORD_BATCH_OVERHEAD). */
    static final int BATCH_HEADER = 61;
    /** Spare bytes over the bounds, which are already the codecs' worst cases. */
    static final int MARGIN = 64;

    /** A producer's {@code compression.type}: none, gzip, snappy, lz4, zstd. */
    static BatchCompression ofProducer(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "gzip" -> GZIP;
            case "snappy" -> SNAPPY;
            case "lz4" -> LZ4;
            case "zstd" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown producer compression.type '" + value + "'");
        };
    }

    /**
     * How a topic stores batches sent with {@code producer}'s codec: its own {@code compression.type}
     * ({@code uncompressed} is none), or the producer's for {@code producer} (the default).
     */
    static BatchCompression stored(String topicValue, BatchCompression producer) {
        if (topicValue == null || topicValue.isBlank() || topicValue.trim().equalsIgnoreCase("producer")) {
            return producer;
        }
        return topicValue.trim().equalsIgnoreCase("uncompressed") ? NONE : ofProducer(topicValue);
    }

    /** The most bytes this codec's output stream writes for {@code n} bytes of records. */
    long worstCase(long n) {
        return switch (this) {
            case NONE -> n;
            // zlib's deflateBound for its default window and memory (what java.util.zip uses), plus the
            // gzip header and trailer: stored blocks of at most 16 KB cost 5 bytes each
            case GZIP -> n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + 18;
            // xerial's SnappyOutputStream: a 16-byte header, then 32 KB blocks with a 4-byte length each,
            // compressed to at most Snappy's maxCompressedLength (32 + b + b / 6)
            case SNAPPY -> 16 + blocks(n, 32 * 1024) * (4 + 32) + n + n / 6 + blocks(n, 32 * 1024);
            // Kafka's Lz4BlockOutputStream: a 7-byte frame header, 64 KB blocks stored raw when they do not
            // shrink, a 4-byte size each, a 4-byte end mark, no checksums
            case LZ4 -> 7 + blocks(n, 64 * 1024) * 4 + n + 4;
            // ZSTD_COMPRESSBOUND, plus the largest frame header and a checksum
            case ZSTD -> n + (n >> 8) + (n < 128 * 1024 ? (128 * 1024 - n) >> 11 : 0) + 18 + 4;
        };
    }

    /**
     * The largest batch, as the uncompressed count ({@code RecordSize}, the producer's estimate) has
     * it, whose compressed form under each of these codecs stays within {@code limit} bytes.
     */
    static int largestUncompressed(int limit, BatchCompression... codecs) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int mid = (int) (((long) low + high + 1) / 2);
            if (fits(mid, limit, codecs)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static boolean fits(int uncompressed, int limit, BatchCompression... codecs) {
        for (BatchCompression codec : codecs) {
            long records = Math.max(0, uncompressed - BATCH_HEADER);
            long size = codec == NONE ? uncompressed : BATCH_HEADER + codec.worstCase(records) + MARGIN;
            if (size > limit) {
                return false;
            }
        }
        return true;
    }

    private static long blocks(long n, int blockSize) {
        return Math.max(1, (n + blockSize - 1) / blockSize);
    }
}
