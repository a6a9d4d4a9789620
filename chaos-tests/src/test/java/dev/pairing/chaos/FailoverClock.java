package dev.pairing.chaos;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.launcher.process.Poll;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.codec.OutputCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Times a failover the way a user of the pipeline feels it: from the kill to the first committed
 * pair completed by a raw record that was produced after the kill, in one of the raw partitions the
 * killed instance worked on. Such a pair can only come from whoever took the work over; pairs that
 * were committed before the kill and merely read late do not count. A read_committed reader follows
 * the enriched topic in the background and notes when each pair became visible.
 */
final class FailoverClock implements AutoCloseable {

    /** A pair as seen: the raw partition and timestamp of the record that completed it, and when. */
    private record Seen(int partition, long completedByTimestamp, long seenAtMillis) {}

    private final List<Seen> seen = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    FailoverClock(Properties client, String enrichedTopic) {
        KafkaConsumer<byte[], byte[]> consumer = CommittedTopicReader.committedConsumer(client);
        List<TopicPartition> partitions = CommittedTopicReader.partitions(consumer, enrichedTopic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        NumberPair pair = OutputCodec.decodePair(record.value());
                        synchronized (seen) {
                            seen.add(new Seen(pair.getSecond().getPartition(), pair.getSecond().getTimestamp(),
                                    System.currentTimeMillis()));
                        }
                    }
                }
            }
        }, "failover-clock");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for the first pair that input produced after {@code killedAtMillis} completed in one of
     * {@code partitions}, and returns how long after the kill it became visible.
     */
    Optional<Duration> awaitRecovery(Set<Integer> partitions, long killedAtMillis, Duration patience) {
        AtomicReference<Duration> recovery = new AtomicReference<>();
        int[] from = {0};
        Poll.until(patience, Duration.ofMillis(500), () -> {
            synchronized (seen) {
                for (; from[0] < seen.size(); from[0]++) {
                    Seen pair = seen.get(from[0]);
                    if (pair.completedByTimestamp() > killedAtMillis && partitions.contains(pair.partition())) {
                        recovery.set(Duration.ofMillis(pair.seenAtMillis() - killedAtMillis));
                        return true;
                    }
                }
            }
            return false;
        });
        return Optional.ofNullable(recovery.get());
    }

    /**
     * For every pair seen so far, how long after the raw record that completed it was produced it
     * became visible to a read_committed reader, in ms, sorted: the pipeline's latency as a user
     * of its output feels it.
     */
    List<Long> latenciesMillis() {
        synchronized (seen) {
            return seen.stream().map(pair -> pair.seenAtMillis() - pair.completedByTimestamp()).sorted().toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5_000);
    }
}
