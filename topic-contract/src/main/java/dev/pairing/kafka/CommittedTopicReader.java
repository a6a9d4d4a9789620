package dev.pairing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumers of raw bytes that see committed records only, and a whole-topic read up to the last
 * stable offset: what a read_committed consumer can see now. Group-less, so reading never moves a
 * pipeline's offsets; works against any cluster, local or remote, secured through the properties.
 */
public final class CommittedTopicReader {

    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private CommittedTopicReader() {}

    /** A group-less consumer reading committed records only; the caller assigns partitions. */
    public static KafkaConsumer<byte[], byte[]> committedConsumer(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props);
    }

    /** The topic's partitions in order. @throws IllegalStateException when the topic does not exist */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = partitionsIfAny(consumer, topic);
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return partitions;
    }

    /**
     * Every committed record up to the last stable offset, by partition then offset.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(Properties client, String topic) {
        return read(client, topic, true);
    }

    /**
     * As {@link #readAll(Properties, String)}, but a topic that does not exist yet reads as empty: for
     * waits on a topic another process creates.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAllIfExists(Properties client, String topic) {
        return read(client, topic, false);
    }

    /** As {@link #readAllIfExists(Properties, String)}, with only the bootstrap servers. */
    public static List<ConsumerRecord<byte[], byte[]>> readAllIfExists(String bootstrapServers, String topic) {
        Properties client = new Properties();
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return read(client, topic, false);
    }

    private static List<TopicPartition> partitionsIfAny(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(Properties client, String topic, boolean mustExist) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(client)) {
            List<TopicPartition> partitions =
                    mustExist ? partitions(consumer, topic) : partitionsIfAny(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // with read_committed these are last stable offsets: open transactions stay unseen
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + ends + " in " + READ_LIMIT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
