package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.process.Poll;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A read_committed reader of a run's output topics, without a consumer group, that counts what has
 * become visible: when the first record did, and when the last expected one did.
 */
final class OutputWatch {

    /** Wall-clock nanos (System.nanoTime) of visibility, and how many records the first poll returned. */
    record Drain(long startNanos, long firstVisibleNanos, long firstBatch, long lastVisibleNanos, long records) {

        /** Input events per second from the first visible output to the last, scaled from outputs to inputs. */
        double eventsPerSecond(long inputs) {
            double outputsPerSecond = (records - firstBatch) / windowSeconds();
            return outputsPerSecond * inputs / records;
        }

        /** What {@link #eventsPerSecond} is measured over. */
        double windowSeconds() {
            return (lastVisibleNanos - firstVisibleNanos) / 1e9;
        }

        double wallSeconds() {
            return (lastVisibleNanos - startNanos) / 1e9;
        }

        double firstVisibleSeconds() {
            return (firstVisibleNanos - startNanos) / 1e9;
        }
    }

    private OutputWatch() {}

    /**
     * Reads until {@code expected} records are visible across {@code topics}.
     *
     * @param startNanos when the engine was started, for the wall figure
     * @param healthy    checked between polls; false stops the wait with an error
     */
    static Drain await(String bootstrap, List<String> topics, long expected, long startNanos, Duration timeout,
            BooleanSupplier healthy, String phase, PrintStream out) {
        Progress progress = new Progress(out, phase);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommitted(bootstrap))) {
            // the harness creates every output topic before the engine starts
            List<TopicPartition> partitions = partitionsOf(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long seen = 0;
            long first = -1;
            long firstBatch = 0;
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(phase + ": only " + seen + " of " + expected
                            + " output records visible after " + timeout.toSeconds() + " s");
                }
                if (!healthy.getAsBoolean()) {
                    throw new IllegalStateException(phase + ": the engine stopped after " + seen + " of " + expected
                            + " output records");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                if (!records.isEmpty()) {
                    if (first < 0) {
                        first = System.nanoTime();
                        firstBatch = records.count();
                    }
                    seen += records.count();
                }
                progress.tick(seen, expected);
            }
            long last = System.nanoTime();
            if (seen > expected) {
                throw new IllegalStateException(phase + ": " + seen + " output records visible, expected " + expected
                        + " (duplicates under exactly-once)");
            }
            return new Drain(startNanos, first, firstBatch, last, seen);
        }
    }

    /** Every partition of the topics, waiting until the broker knows them all (a topic created a moment ago). */
    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, List<String> topics) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean all = true;
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    all = false;
                } else {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            if (all) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not know all of " + topics + " after 60 s");
            }
            Poll.pause(Duration.ofMillis(200));
        }
    }

    static Properties readCommitted(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return props;
    }
}
