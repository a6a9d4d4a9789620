package dev.pairing.testsupport;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.placement.ClassPartitioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker in the test's JVM, on ephemeral ports, configured for
 * transactions. Register it as a static {@code @RegisterExtension} field: it starts before the
 * class's tests and stops after them.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> brokerConfig = new HashMap<>();
    private KafkaClusterTestKit cluster;

    public EmbeddedKafka() {
        brokerConfig.put("offsets.topic.replication.factor", "1");
        brokerConfig.put("offsets.topic.num.partitions", "5");
        brokerConfig.put("transaction.state.log.replication.factor", "1");
        brokerConfig.put("transaction.state.log.min.isr", "1");
        brokerConfig.put("transaction.state.log.num.partitions", "5");
        brokerConfig.put("share.coordinator.state.topic.replication.factor", "1");
        brokerConfig.put("share.coordinator.state.topic.min.isr", "1");
        brokerConfig.put("group.initial.rebalance.delay.ms", "0");
        brokerConfig.put("auto.create.topics.enable", "false");
    }

    /** Adds or overrides a broker property; call before the broker starts. */
    public EmbeddedKafka withBrokerProperty(String key, String value) {
        brokerConfig.put(key, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public void start() throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
        brokerConfig.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    public void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /**
     * Creates the topics and waits until every partition has a leader: an idempotent producer that
     * writes before that can get stuck retrying out-of-order sequences.
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allLed(admin, List.of(names), partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + List.of(names) + " have no leader after 60 s");
                }
                Pause.briefly();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + List.of(names), e);
        }
    }

    private static boolean allLed(Admin admin, List<String> names, int partitions) throws Exception {
        try {
            return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(topic -> topic.partitions().size() == partitions
                            && topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (java.util.concurrent.ExecutionException e) {
            return false; // not visible to this broker's metadata yet
        }
    }

    /**
     * An idempotent producer's settings, placing class-keyed records as the project's producer does
     * ({@code ClassPartitioner}: class c in partition c mod the partition count), where the Streams
     * runner with {@code --inputKeyedByClass true} expects them.
     */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, ClassPartitioner.class.getName());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    /**
     * Writes the records in order and waits until all are acknowledged.
     *
     * @throws IllegalStateException naming the first record the broker did not take: a test must
     *     never run on input that silently lost records
     */
    public void produce(Collection<ProducerRecord<byte[], byte[]>> records) {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            int index = 0;
            for (var send : sends) {
                try {
                    send.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("record " + index + " of " + sends.size() + " was not written", e);
                }
                index++;
            }
        }
    }

    /** Every committed record of the topic, partition by partition in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedTopicReader.readAllIfExists(bootstrapServers(), topic);
    }

    /**
     * Waits until the topic's committed records satisfy the condition, then returns them all.
     *
     * @throws AssertionError naming what was seen when the timeout passes first
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitCommitted(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = readCommitted(topic);
            if (condition.test(seen)) {
                return seen;
            }
            Pause.briefly();
        }
        throw new AssertionError("after " + timeout + " the condition on " + topic + " still fails with "
                + seen.size() + " committed records");
    }

    /** A consumer of raw bytes reading only committed records. */
    public KafkaConsumer<byte[], byte[]> committedConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }
}
