package dev.pairing.chaos;

import dev.pairing.launcher.process.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Waits until every broker of the bootstrap list knows a set of topics with a leader for every
 * partition. A topic's creation returns once the controller has it; on a cluster under load another
 * node may not have applied it yet, and a client asking that node finds no such topic (a drill
 * failed that way: "topic ... does not exist" a moment after its creation).
 */
final class TopicsEverywhere {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TopicsEverywhere() {}

    static void await(Properties client, List<String> topics, int partitions) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (String server : client.getProperty("bootstrap.servers").split(",")) {
            for (String topic : topics) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!Poll.until(left, Duration.ofMillis(500), () -> known(client, server.trim(), topic, partitions))) {
                    throw new IllegalStateException(server + " did not know " + topic + " within " + PATIENCE);
                }
            }
        }
    }

    /** Asks that one server: a fresh consumer's first metadata request goes to its only bootstrap address. */
    private static boolean known(Properties client, String server, String topic, int partitions) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
