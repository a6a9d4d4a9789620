package dev.pairing.benchmarks.e2e;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.placement.ClassPartitioner;
import dev.pairing.producer.NumberStream;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.RawValueCodec;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the raw topic with the producer's mix (class-keyed, 1% corrupted, Avro) as fast as the broker
 * takes it, idempotent so the order per partition is the send order, and computes what the pipeline
 * must write for it.
 */
final class Preload {

    static final long SEED = 20_241_124L;
    static final double CORRUPT_RATE = 0.01;

    private Preload() {}

    static Expected fill(String bootstrap, String topic, long events, int pairSum, PrintStream out) {
        NumberStream stream = new NumberStream(pairSum, CORRUPT_RATE, NumberStream.Format.AVRO, SEED);
        PairingOracle oracle = new PairingOracle(new PairingRules(pairSum), PendingLimits.DEFAULT);
        RawValueCodec codec = new RawValueCodec();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress progress = new Progress(out, "preload " + topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            for (long i = 0; i < events; i++) {
                long now = System.currentTimeMillis();
                NumberStream.Generated record = stream.next(now);
                producer.send(new ProducerRecord<>(topic, null, now, record.key(), record.value()), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                oracle.accept(codec.decode(record.value()), 0, i, now);
                if (failure.get() != null) {
                    break;
                }
                progress.tick(i, events);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        Expected expected = new Expected(events, oracle.pairs().size(), oracle.rejections().size(),
                oracle.unpaired().size(), oracle.pendingCount());
        out.printf("   %,d events in %.1f s: expect %,d pairs, %,d dead letters, %,d unpaired, %,d left pending%n",
                events, progress.elapsedSeconds(), expected.pairs(), expected.deadLetters(), expected.unpaired(),
                expected.pending());
        return expected;
    }

    /**
     * The pending scenario's input, all in the class's partition under one class's key: {@code n} of the lower
     * number of one class then {@code n} of its complement ({@code queued}: the first n wait, the
     * second n each pair with the head), or the two alternating ({@code !queued}: nothing waits).
     * For pairSum 12: 5 and 7. Every value is Avro as the producer writes it.
     */
    static void oneClass(String bootstrap, String topic, long n, int pairSum, boolean queued, PrintStream out) {
        PairingRules rules = new PairingRules(pairSum);
        long low = (pairSum - 1) / 2;
        long high = pairSum - low;
        byte[] key = ComplementClassKey.encode(rules.complementClass(low));
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress progress = new Progress(out, "preload " + topic + (queued ? " (" + n + " x " + low + ", then "
                + n + " x " + high + ")" : " (" + low + ", " + high + " alternating)"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            for (long i = 0; i < 2 * n && failure.get() == null; i++) {
                long value = queued ? (i < n ? low : high) : (i % 2 == 0 ? low : high);
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, null, now, key, RawValueCodec.encodeAvro(value, i, now)),
                        (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                progress.tick(i, 2 * n);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        out.printf("   %,d events in %.1f s%n", 2 * n, progress.elapsedSeconds());
    }

    static Properties producerProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // as the project's producer places classes, where the Streams runner (--inputKeyedByClass) reads them
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClassPartitioner.class.getName());
        return props;
    }
}
