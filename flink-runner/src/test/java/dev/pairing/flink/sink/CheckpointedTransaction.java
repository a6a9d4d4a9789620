package dev.pairing.flink.sink;

import dev.pairing.flink.PairingJobConfig;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.internal.FlinkKafkaInternalProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The enriched sink's transaction as the job leaves it when a checkpoint completes: subtask 0's
 * first transactional id, one record sent and flushed, not yet committed, and the committable the
 * checkpoint holds for it. Closing it without {@link #commit} leaves the transaction open at the
 * broker, as a job that failed then does.
 */
final class CheckpointedTransaction implements AutoCloseable {

    private final FlinkKafkaInternalProducer<byte[], byte[]> producer;
    private final KafkaCommittable committable;

    private CheckpointedTransaction(FlinkKafkaInternalProducer<byte[], byte[]> producer) {
        this.producer = producer;
        this.committable = new KafkaCommittable(producer.getProducerId(), producer.getEpoch(),
                producer.getTransactionalId(), null);
    }

    /** Begins the transaction and sends one record to {@code topic} in it. */
    static CheckpointedTransaction open(PairingJobConfig config, String topic)
            throws InterruptedException, ExecutionException {
        String transactionalId = config.transactionalIdPrefix("enriched") + "-0-1";
        FlinkKafkaInternalProducer<byte[], byte[]> producer = new FlinkKafkaInternalProducer<>(properties(config),
                transactionalId);
        try {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "5".getBytes(StandardCharsets.UTF_8), new byte[] {1})).get();
            producer.flush();
            return new CheckpointedTransaction(producer);
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    /** What the completed checkpoint stores for the committer. */
    KafkaCommittable committable() {
        return committable;
    }

    String transactionalId() {
        return committable.getTransactionalId();
    }

    /** Commits it, as the failed job's committer got to before the failure. */
    void commit() {
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static Properties properties(PairingJobConfig config) {
        Properties props = config.pipeline().kafkaProperties();
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        return props;
    }
}
