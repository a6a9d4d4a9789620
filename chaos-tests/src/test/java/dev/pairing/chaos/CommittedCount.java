package dev.pairing.chaos;

import dev.pairing.kafka.CommittedTopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of a topic a read_committed reader sees, read incrementally: each call reads on
 * from where the last stopped, so polling a topic of 100,000 pairs every half second stays cheap.
 * Offsets alone would not do: transaction markers take offsets too.
 */
final class CommittedCount implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private long count;

    CommittedCount(Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        consumer = CommittedTopicReader.committedConsumer(props);
        partitions = CommittedTopicReader.partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Committed records now: reads up to the current last stable offsets. */
    long now() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read up to " + ends + " within 60 s");
            }
            Map<TopicPartition, Long> overshoot = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    count++;
                } else {
                    // committed after this call began: counted by the next call
                    overshoot.merge(partition, record.offset(), Math::min);
                }
            }
            overshoot.forEach(consumer::seek);
        }
        return count;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofSeconds(30)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
