package dev.pairing.benchmarks.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: the least an exactly-once pipeline from the raw topic can do. A read_committed
 * consumer and a transactional producer copy every record unchanged to the same partition of another
 * topic, committing the consumed offsets in the same transaction every commit interval (the Streams
 * runner's 100 ms, or Flink's checkpoint interval for the baseline at Flink's cadence), on one thread
 * like one stream thread. Its clients run on the {@link ClientSettings} every run has.
 */
final class CopyLoop implements Runnable {

    private final String bootstrap;
    private final String from;
    private final String to;
    private final long records;
    private final String groupId;
    private final Duration commitEvery;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    CopyLoop(String bootstrap, String from, String to, long records, String groupId, Duration commitEvery) {
        this.bootstrap = bootstrap;
        this.from = from;
        this.to = to;
        this.records = records;
        this.groupId = groupId;
        this.commitEvery = commitEvery;
    }

    Thread startThread() {
        Thread thread = new Thread(this, "copy-loop");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    boolean healthy() {
        return failure.get() == null;
    }

    Throwable failure() {
        return failure.get();
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        Properties consumerProps = OutputWatch.readCommitted(bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-copy");
        ClientSettings.producer(producerProps);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            consumer.subscribe(List.of(from));
            long copied = 0;
            long lastCommit = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            producer.beginTransaction();
            while (!stop && copied < records) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    producer.send(new ProducerRecord<>(to, r.partition(), r.timestamp(), r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    copied++;
                }
                if (System.nanoTime() - lastCommit >= commitEvery.toNanos() || copied >= records) {
                    if (!offsets.isEmpty()) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        producer.commitTransaction();
                        producer.beginTransaction();
                        offsets.clear();
                    }
                    lastCommit = System.nanoTime();
                }
            }
            producer.abortTransaction();
        } catch (Throwable e) {
            failure.set(e);
        }
    }
}
