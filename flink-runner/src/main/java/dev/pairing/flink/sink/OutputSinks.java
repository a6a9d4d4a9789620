package dev.pairing.flink.sink;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.classify.DeadLetterRecord;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The job's three Kafka sinks. With exactly-once each writes in Kafka transactions that commit when
 * a checkpoint completes, under a transactional-id prefix of its own derived from the group id, and
 * a transaction lost before its commit fails the job ({@link GuardedKafkaSink}).
 */
public final class OutputSinks {

    /**
     * A dead letter is its raw record plus a few hundred bytes of headers: the dead-letter topic the
     * job creates, and its producer's largest request, allow this much over the broker's default
     * record size, so a raw record right at the limit still fits (the Streams runner does the same).
     */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;
    /** The broker's default {@code message.max.bytes}. */
    public static final int DEFAULT_BROKER_MAX_MESSAGE_BYTES = 1_048_588;
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = DEFAULT_BROKER_MAX_MESSAGE_BYTES + DEAD_LETTER_HEADROOM_BYTES;

    private OutputSinks() {}

    public static GuardedKafkaSink<Pair> enriched(PairingJobConfig config) {
        return sink(config, config.kafkaProperties(), "enriched", config.enrichedTopic(),
                new PairSerializer(config.enrichedTopic(), config.pairSum()));
    }

    public static GuardedKafkaSink<Unpaired> unpaired(PairingJobConfig config) {
        return sink(config, config.kafkaProperties(), "unpaired", config.unpairedTopic(),
                new UnpairedSerializer(config.unpairedTopic(), config.pairSum()));
    }

    public static GuardedKafkaSink<DeadLetterRecord> deadLetters(PairingJobConfig config) {
        Properties producer = config.kafkaProperties();
        producer.putIfAbsent("max.request.size", Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES));
        return sink(config, producer, "dlq", config.deadLetterTopic(), new DeadLetterSerializer(config.deadLetterTopic()));
    }

    private static <T> GuardedKafkaSink<T> sink(PairingJobConfig config, Properties producer, String name,
            String topic, KafkaRecordSerializationSchema<T> serializer) {
        // the connector's own default (1 h) exceeds the broker's default maximum (15 min)
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        return new GuardedKafkaSink<>(KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.guarantee().sinks())
                .setTransactionalIdPrefix(config.transactionalIdPrefix(name))
                .build(), topic, config.kafkaProperties());
    }
}
