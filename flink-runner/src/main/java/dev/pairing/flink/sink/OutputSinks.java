package dev.pairing.flink.sink;


import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.floor.RawRecordCopy;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.kafka.topics.TopicContract;
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
     * The dead-letter topic the job creates and its producer's largest request: room over the
     * broker's default record size, so a raw record at that size is never cut (see {@link TopicContract}).
     */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES;

    private static final String MAX_REQUEST_SIZE = "max.request.size";
    private static final String COMPRESSION_TYPE = "compression.type";

    private OutputSinks() {}

    public static GuardedKafkaSink<Pair> enriched(PairingJobConfig config) {
        return sink(config, config.kafkaProperties(), "enriched", config.enrichedTopic(),
                new PairSerializer(config.enrichedTopic(), config.pairSum(), config.output()));
    }

    public static GuardedKafkaSink<Unpaired> unpaired(PairingJobConfig config) {
        return sink(config, config.kafkaProperties(), "unpaired", config.unpairedTopic(),
                new UnpairedSerializer(config.unpairedTopic(), config.pairSum(), config.output()));
    }

    public static GuardedKafkaSink<DeadLetterRecord> deadLetters(PairingJobConfig config) {
        Properties producer = deadLetterProducer(config);
        DeadLetterLimit limit = new DeadLetterLimit(config.kafkaProperties(), config.deadLetterTopic(),
                TopicContract.maxRequestSize(producer, MAX_REQUEST_SIZE), TopicContract.compressionType(producer, COMPRESSION_TYPE));
        return sink(config, producer, "dlq", config.deadLetterTopic(),
                new DeadLetterSerializer(config.deadLetterTopic(), limit));
    }

    /** The raw records as they came, to the enriched topic: the bench's floor job only (see {@code RawCopyJob}). */
    public static GuardedKafkaSink<RawRecord> rawCopy(PairingJobConfig config) {
        return sink(config, deadLetterProducer(config), "copy", config.enrichedTopic(),
                new RawRecordCopy(config.enrichedTopic()));
    }

    /** The dead-letter producer's {@code max.request.size}: the user's, or room for a record at the broker's default. */
    public static int deadLetterMaxRequestSize(PairingJobConfig config) {
        return TopicContract.maxRequestSize(deadLetterProducer(config), MAX_REQUEST_SIZE);
    }

    /** The dead-letter producer's {@code compression.type}: what a compressed dead letter's size depends on. */
    public static String deadLetterCompression(PairingJobConfig config) {
        return TopicContract.compressionType(deadLetterProducer(config), COMPRESSION_TYPE);
    }

    private static Properties deadLetterProducer(PairingJobConfig config) {
        Properties producer = config.kafkaProperties();
        producer.putIfAbsent(MAX_REQUEST_SIZE, Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES));
        return producer;
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
                .build(), topic, config.kafkaProperties(), config.acceptExpiredTransactions());
    }
}
