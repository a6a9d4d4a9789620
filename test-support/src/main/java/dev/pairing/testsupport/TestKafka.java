package dev.pairing.testsupport;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.launcher.process.Poll;
import dev.pairing.placement.ClassPartitioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * A real Kafka a test runs against, in its JVM ({@link EmbeddedKafka}) or in one of its own
 * ({@link LaunchedKafka}), and what the tests do with it: create topics, write records in order,
 * read what is committed.
 */
public interface TestKafka {

    String bootstrapServers();

    default Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /**
     * Creates the topics and waits until every partition has a leader: an idempotent producer that
     * writes before that can get stuck retrying out-of-order sequences.
     */
    default void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            TopicContract.awaitLeaders(admin, List.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + List.of(names), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + List.of(names), e);
        }
    }

    /**
     * An idempotent producer of raw bytes that waits for every replica (acks=all), placing
     * class-keyed records as the project's producer does ({@code ClassPartitioner}: class c in
     * partition c mod the partition count), where the Streams runner with
     * {@code --inputKeyedByClass true} expects them.
     */
    default Properties producerProperties() {
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
    default void produce(Collection<ProducerRecord<byte[], byte[]>> records) {
        Properties props = producerProperties();
        // one batch in flight: a retried batch (a leader not elected yet) can never overtake another
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        List<Future<?>> sends = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            int index = 0;
            for (Future<?> send : sends) {
                try {
                    send.get(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while producing", e);
                } catch (Exception e) {
                    throw new IllegalStateException("record " + index + " of " + sends.size() + " was not written", e);
                }
                index++;
            }
        }
    }

    /** Every committed record of the topic, partition by partition in offset order. */
    default List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedTopicReader.readAllIfExists(bootstrapServers(), topic);
    }

    /**
     * Waits until the topic's committed records satisfy the condition, then returns them all.
     *
     * @throws AssertionError naming what was seen when the timeout passes first
     */
    default List<ConsumerRecord<byte[], byte[]>> awaitCommitted(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> condition, Duration timeout) {
        AtomicReference<List<ConsumerRecord<byte[], byte[]>>> seen = new AtomicReference<>(List.of());
        boolean met = Poll.until(timeout, Duration.ofMillis(250), () -> {
            seen.set(readCommitted(topic));
            return condition.test(seen.get());
        });
        if (!met) {
            throw new AssertionError("after " + timeout + " the condition on " + topic + " still fails with "
                    + seen.get().size() + " committed records");
        }
        return seen.get();
    }

    /** A consumer of raw bytes reading only committed records. */
    default KafkaConsumer<byte[], byte[]> committedConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }
}
