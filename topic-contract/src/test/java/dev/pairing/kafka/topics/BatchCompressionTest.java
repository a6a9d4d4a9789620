package dev.pairing.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The worst-case bounds against Kafka's own codecs, on the bytes that compress worst: random ones. */
class BatchCompressionTest {

    @ParameterizedTest
    @EnumSource(BatchCompression.class)
    void aRandomRecordAtTheLimitCompressesWithinIt(BatchCompression codec) {
        int limit = 1_048_588;
        int largest = BatchCompression.largestUncompressed(limit, codec);
        byte[] key = "key".getBytes();
        // a value that makes the producer's uncompressed estimate exactly the largest allowed
        int valueLength = largest - AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE, key, new byte[0], new org.apache.kafka.common.header.Header[0]);
        byte[] value = new byte[valueLength];
        new Random(codec.ordinal()).nextBytes(value);
        while (AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key,
                value, new org.apache.kafka.common.header.Header[0]) < largest) {
            value = java.util.Arrays.copyOf(value, value.length + 1); // a varint boundary: one more byte fits
        }

        assertThat(batchSize(codec, key, value)).as("the batch the broker counts").isLessThanOrEqualTo(limit);
        if (codec != BatchCompression.NONE) {
            assertThat(largest).as("room kept for the codec's growth").isLessThan(limit);
        }
    }

    @ParameterizedTest
    @EnumSource(BatchCompression.class)
    void theBoundIsNeverBelowWhatTheCodecWrites(BatchCompression codec) {
        Random random = new Random(11);
        for (int size : new int[] {0, 1, 100, 16_383, 16_384, 65_536, 65_537, 300_000, 2_000_000}) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            int compressed = batchSize(codec, null, value) - BatchCompression.BATCH_HEADER;
            int records = batchSize(BatchCompression.NONE, null, value) - BatchCompression.BATCH_HEADER;
            assertThat(codec.worstCase(records)).as("%s, %d bytes", codec, size).isGreaterThanOrEqualTo(compressed);
        }
    }

    private static int batchSize(BatchCompression codec, byte[] key, byte[] value) {
        Compression compression = switch (codec) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
        ByteBuffer buffer = ByteBuffer.allocate(value.length * 2 + 4096);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, compression, TimestampType.CREATE_TIME, 0L);
        builder.append(1_700_000_000_000L, key, value);
        return builder.build().sizeInBytes();
    }
}
