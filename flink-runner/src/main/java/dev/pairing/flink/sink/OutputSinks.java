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
 * a checkpoint completes, under a transactional-id prefix of its own derived from the group id.
 */
public final class OutputSinks {

    private OutputSinks() {}

    public static KafkaSink<Pair> enriched(PairingJobConfig config) {
        return sink(config, "enriched", new PairSerializer(config.enrichedTopic(), config.pairSum()));
    }

    public static KafkaSink<Unpaired> unpaired(PairingJobConfig config) {
        return sink(config, "unpaired", new UnpairedSerializer(config.unpairedTopic(), config.pairSum()));
    }

    public static KafkaSink<DeadLetterRecord> deadLetters(PairingJobConfig config) {
        return sink(config, "dlq", new DeadLetterSerializer(config.deadLetterTopic()));
    }

    private static <T> KafkaSink<T> sink(PairingJobConfig config, String name,
            KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = config.kafkaProperties();
        // the connector's own default (1 h) exceeds the broker's default maximum (15 min)
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.guarantee().sinks())
                .setTransactionalIdPrefix(config.transactionalIdPrefix(name))
                .build();
    }
}
