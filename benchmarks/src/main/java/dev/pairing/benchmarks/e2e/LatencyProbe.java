package dev.pairing.benchmarks.e2e;

import dev.pairing.core.PairingOracle;
import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.PendingLimits;
import dev.pairing.launcher.process.Poll;
import dev.pairing.producer.NumberStream;
import dev.pairing.schemas.codec.RawValueCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency at a fixed input rate: the producer stamps each raw record with its send time;
 * an enriched record carries the timestamp of its pair's second event, so visibility to a
 * read_committed reader minus that timestamp is how long the pair took from the moment it could
 * exist. Records of the first {@code warmup} are left out (JIT, first fetches), said in the report.
 */
final class LatencyProbe {

    record Settings(int rate, Duration duration, Duration warmup, int pairSum) {}

    private LatencyProbe() {}

    /**
     * @param countsEverything true for the copy loop's topic (every record is an output); false for
     *                         enriched-topic (only pairs are)
     */
    static Percentiles measure(String bootstrap, String rawTopic, String outputTopic, boolean countsEverything,
            Settings settings, BooleanSupplier healthy, String phase, PrintStream out) {
        AtomicLong expected = new AtomicLong(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.currentTimeMillis();
        long measuredFrom = start + settings.warmup().toMillis();
        Thread producer = new Thread(() -> {
            try {
                expected.set(produce(bootstrap, rawTopic, settings, countsEverything));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "latency-producer");
        producer.setDaemon(true);
        producer.start();

        long[] samples = new long[(int) Math.min(Integer.MAX_VALUE - 8,
                (long) settings.rate() * settings.duration().toSeconds() + 1024)];
        int size = 0;
        long seen = 0;
        Progress progress = new Progress(out, phase);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(OutputWatch.readCommitted(bootstrap))) {
            List<TopicPartition> partitions = partitionsOf(consumer, outputTopic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = Long.MAX_VALUE;
            while (expected.get() < 0 || seen < expected.get()) {
                if (failure.get() != null) {
                    throw new IllegalStateException(phase + ": the producer failed: " + failure.get().getMessage());
                }
                if (!healthy.getAsBoolean()) {
                    throw new IllegalStateException(phase + ": the engine stopped");
                }
                if (expected.get() >= 0 && deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(phase + ": only " + seen + " of " + expected.get()
                            + " records visible 60 s after the last was sent");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(10))) {
                    long now = System.currentTimeMillis();
                    seen++;
                    if (r.timestamp() >= measuredFrom && size < samples.length) {
                        samples[size++] = now - r.timestamp();
                    }
                }
                progress.tick(seen, Math.max(expected.get(), (long) settings.rate() * settings.duration().toSeconds() / 2));
            }
        }
        return Percentiles.of(samples, size);
    }

    /** The topic's partitions, waiting until the broker knows them (a topic created a moment ago). */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not know " + topic + " after 60 s");
            }
            Poll.pause(Duration.ofMillis(200));
        }
    }

    /** Sends at the fixed rate for the duration; returns how many output records to expect. */
    private static long produce(String bootstrap, String topic, Settings settings, boolean countsEverything) {
        NumberStream stream = new NumberStream(settings.pairSum(), Preload.CORRUPT_RATE, NumberStream.Format.AVRO,
                Preload.SEED + 1);
        PairingOracle oracle = new PairingOracle(new PairingRules(settings.pairSum()), PendingLimits.DEFAULT);
        RawValueCodec codec = new RawValueCodec();
        var props = Preload.producerProperties(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long total = (long) settings.rate() * settings.duration().toMillis() / 1000;
        long intervalNanos = 1_000_000_000L / settings.rate();
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < total; i++) {
                long due = t0 + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Poll.pause(Duration.ofNanos(wait));
                }
                long now = System.currentTimeMillis();
                NumberStream.Generated g = stream.next(now);
                producer.send(new ProducerRecord<>(topic, null, now, g.key(), g.value()));
                oracle.accept(codec.decode(g.value()), 0, i, now);
            }
            producer.flush();
        }
        return countsEverything ? total : oracle.pairs().size();
    }
}
