package dev.pairing.verify;

import dev.pairing.kafka.CommittedTopicReader;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a topic read_committed, one partition at a time, up to the last stable offset at the start
 * of the read: records still in open transactions are not counted. Nothing is kept in memory here.
 */
public final class KafkaRecordSource implements RecordSource {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final Properties clientProperties;
    private final Progress progress;

    public KafkaRecordSource(Properties clientProperties, Progress progress) {
        this.clientProperties = clientProperties;
        this.progress = progress;
    }

    @Override
    public long forEach(String topic, Consumer<TopicRecord> action) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopicReader.committedConsumer(fetchTuning())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new VerifyException("topic " + topic + " does not exist");
            }
            long total = 0;
            for (PartitionInfo info : infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition)).toList()) {
                total += readPartition(consumer, new TopicPartition(topic, info.partition()), action);
            }
            progress.done(topic, total);
            return total;
        } catch (KafkaException e) {
            throw new VerifyException("cannot read " + topic + ": " + e.getMessage());
        }
    }

    private long readPartition(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
            Consumer<TopicRecord> action) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long read = 0;
        long lastProgress = System.nanoTime();
        while (consumer.position(partition) < end) {
            var records = consumer.poll(POLL);
            if (records.isEmpty() && System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new VerifyException("no progress reading " + partition + " at offset "
                        + consumer.position(partition) + " of " + end + " for " + STALL_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() >= end) {
                    break;
                }
                action.accept(new TopicRecord(record.partition(), record.offset(), record.timestamp(),
                        record.key(), record.value(), name -> {
                            Header header = record.headers().lastHeader(name);
                            return header == null ? null : header.value();
                        }));
                read++;
                lastProgress = System.nanoTime();
            }
            progress.tick(partition.topic(), read);
        }
        return read;
    }

    /** Large fetches for reading millions of records; the user's own settings win. */
    private Properties fetchTuning() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        return props;
    }

    /** Progress on long reads, so a person knows verify is working. */
    public interface Progress {
        Progress SILENT = new Progress() {
            @Override
            public void tick(String topic, long read) {}

            @Override
            public void done(String topic, long total) {}
        };

        void tick(String topic, long read);

        void done(String topic, long total);
    }

}
