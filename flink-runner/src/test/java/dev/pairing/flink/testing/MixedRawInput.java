package dev.pairing.flink.testing;

import dev.pairing.producer.NumberStream;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Raw-topic content the way the project's producer makes it (keyed by complement class, Avro with
 * some plain text, about one in ten corrupted), plus the records a producer would not make: a
 * tombstone, 1 MB of garbage, a record without key, one carrying headers. Timestamps grow
 * with every record, as a producer's do.
 */
public final class MixedRawInput {

    private final String topic;
    private final int pairSum;
    private final long seed;
    private long timestamp;

    public MixedRawInput(String topic, int pairSum, long seed, long firstTimestamp) {
        this.topic = topic;
        this.pairSum = pairSum;
        this.seed = seed;
        this.timestamp = firstTimestamp;
    }

    /** The next {@code count} records, {@code step} milliseconds apart. */
    public List<ProducerRecord<byte[], byte[]>> next(int count, long step) {
        NumberStream avro = new NumberStream(pairSum, 0.1, NumberStream.Format.AVRO, seed + timestamp);
        NumberStream text = new NumberStream(pairSum, 0.1, NumberStream.Format.TEXT, seed - timestamp);
        SplittableRandom random = new SplittableRandom(seed ^ timestamp);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            timestamp += step;
            int special = random.nextInt(2_000);
            if (special == 0) {
                records.add(record(ComplementClassKey.encode(random.nextInt(pairSum / 2 + 1)), null));
            } else if (special == 1) {
                records.add(record(ComplementClassKey.encode(0), new byte[1_000_000])); // 1 MB of garbage
            } else if (special == 2) {
                records.add(record(null, "NaN".getBytes(StandardCharsets.US_ASCII)));
            } else if (special == 3) {
                ProducerRecord<byte[], byte[]> withHeader = record(ComplementClassKey.encode(pairSum / 2),
                        RawValueCodec.encodeText(pairSum / 2));
                withHeader.headers().add(new RecordHeader("trace", "abc".getBytes(StandardCharsets.US_ASCII)));
                records.add(withHeader);
            } else {
                NumberStream.Generated generated = (i % 10 == 9 ? text : avro).next(timestamp);
                records.add(record(generated.key(), generated.value()));
            }
        }
        return records;
    }

    /**
     * One record per partition, all far in the future: it moves every partition's event-time clock
     * (stream time, watermark) past every TTL, so both engines expire whatever still waits. It is
     * itself a dead letter, keyed per partition so its DLQ order never mixes with a class's.
     */
    public List<ProducerRecord<byte[], byte[]>> clockTicks(int partitions, long at) {
        List<ProducerRecord<byte[], byte[]>> ticks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ticks.add(new ProducerRecord<>(topic, p, at, ("tick-" + p).getBytes(StandardCharsets.US_ASCII),
                    "tick".getBytes(StandardCharsets.US_ASCII)));
        }
        return ticks;
    }

    /**
     * {@code count} records of 1 MB of garbage, {@code step} milliseconds apart: {@link #next} has one
     * only by chance (1 in 2,000 records), a test of what they do needs some for certain.
     */
    public List<ProducerRecord<byte[], byte[]>> megabyteGarbage(int count, long step) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            timestamp += step;
            records.add(record(ComplementClassKey.encode(0), new byte[1_000_000]));
        }
        return records;
    }

    private ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ProducerRecord<>(topic, null, timestamp, key, value);
    }
}
