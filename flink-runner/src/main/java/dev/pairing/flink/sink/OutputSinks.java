package dev.pairing.flink.sink;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.floor.RawRecordCopy;
import dev.pairing.flink.source.RawRecord;
import dev.pairing.kafka.topics.TopicContract;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.PipelineSpec;
import java.util.Properties;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The job's Kafka sinks: one for all outputs ({@link #outputs}), the two that earlier versions had
 * besides ({@link RetiredKafkaSink}), and the copy job's. With exactly-once each writes in Kafka
 * transactions that commit when a checkpoint completes, under a transactional-id prefix of its own
 * derived from the group id, and a transaction lost before its commit fails the job
 * ({@link GuardedKafkaSink}). A prefix is part of the job's state: its sink's checkpointed
 * transactions are committed under it after a restore, so it never changes.
 */
public final class OutputSinks {

    private static final String MAX_REQUEST_SIZE = "max.request.size";
    private static final String COMPRESSION_TYPE = "compression.type";

    private OutputSinks() {}

    /** The pairs' own sink, as versions before {@link #outputs} had it: the same transactional-id prefix. */
    public static GuardedKafkaSink<Pair> enriched(PairingJobConfig config) {
        PipelineSpec pipeline = config.pipeline();
        return sink(config, pipeline.kafkaProperties(), "enriched", pipeline.enrichedTopic(),
                new PairSerializer(pipeline.enrichedTopic(), OutputRecords.of(pipeline)));
    }

    /** The unpaired numbers' own sink, as versions before {@link #outputs} had it; now only retired ({@link RetiredKafkaSink}). */
    public static GuardedKafkaSink<Unpaired> unpaired(PairingJobConfig config) {
        PipelineSpec pipeline = config.pipeline();
        return sink(config, pipeline.kafkaProperties(), "unpaired", pipeline.unpairedTopic(),
                new UnpairedSerializer(pipeline.unpairedTopic(), OutputRecords.of(pipeline)));
    }

    /** The dead letters' own sink, as versions before {@link #outputs} had it; now only retired ({@link RetiredKafkaSink}). */
    public static GuardedKafkaSink<DeadLetterRecord> deadLetters(PairingJobConfig config) {
        PipelineSpec pipeline = config.pipeline();
        Properties producer = deadLetterProducer(config);
        return sink(config, producer, "dlq", pipeline.deadLetterTopic(),
                new DeadLetterSerializer(pipeline.deadLetterTopic(), deadLetterLimit(config, producer)));
    }

    /**
     * The job's one sink: pairs, unpaired numbers and dead letters, each to its topic, through one
     * transactional producer, so each checkpoint commits one transaction instead of three (each a
     * round trip to the transaction coordinator, on the task's thread). It keeps the transactional-id
     * prefix of the earlier enriched sink, whose uid it also keeps, so that sink's state continues.
     *
     * @param config the job's config
     * @return the sink
     */
    public static GuardedKafkaSink<Outgoing> outputs(PairingJobConfig config) {
        PipelineSpec pipeline = config.pipeline();
        Properties producer = deadLetterProducer(config);
        OutputRecords records = OutputRecords.of(pipeline);
        return sink(config, producer, "enriched", String.join(", ", pipeline.enrichedTopic(), pipeline.unpairedTopic(),
                        pipeline.deadLetterTopic()),
                new OutgoingSerializer(new PairSerializer(pipeline.enrichedTopic(), records),
                        new UnpairedSerializer(pipeline.unpairedTopic(), records),
                        new DeadLetterSerializer(pipeline.deadLetterTopic(), deadLetterLimit(config, producer))));
    }

    /** How large a dead letter may be, for the producer that writes it. */
    private static DeadLetterLimit deadLetterLimit(PairingJobConfig config, Properties producer) {
        PipelineSpec pipeline = config.pipeline();
        return new DeadLetterLimit(pipeline.kafkaProperties(), pipeline.deadLetterTopic(),
                TopicContract.maxRequestSize(producer, MAX_REQUEST_SIZE), TopicContract.compressionType(producer, COMPRESSION_TYPE));
    }

    /** The raw records as they came, to the enriched topic: the bench's floor job only (see {@code RawCopyJob}). */
    public static GuardedKafkaSink<RawRecord> rawCopy(PairingJobConfig config) {
        return sink(config, deadLetterProducer(config), "copy", config.pipeline().enrichedTopic(),
                new RawRecordCopy(config.pipeline().enrichedTopic()));
    }

    /** The dead-letter producer's {@code max.request.size}: the user's, or room for a record at the broker's default. */
    public static int deadLetterMaxRequestSize(PairingJobConfig config) {
        return TopicContract.maxRequestSize(deadLetterProducer(config), MAX_REQUEST_SIZE);
    }

    private static Properties deadLetterProducer(PairingJobConfig config) {
        Properties producer = config.pipeline().kafkaProperties();
        producer.putIfAbsent(MAX_REQUEST_SIZE, Integer.toString(TopicContract.DEAD_LETTER_MAX_MESSAGE_BYTES));
        return producer;
    }

    private static <T> GuardedKafkaSink<T> sink(PairingJobConfig config, Properties producer, String name,
            String topic, KafkaRecordSerializationSchema<T> serializer) {
        // the connector's own default (1 h) exceeds the broker's default maximum (15 min)
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout().toMillis()));
        return new GuardedKafkaSink<>(KafkaSink.<T>builder()
                .setBootstrapServers(config.pipeline().bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(config.sinkGuarantee())
                .setTransactionalIdPrefix(config.transactionalIdPrefix(name))
                .build(), topic, config.pipeline().kafkaProperties(), config.acceptExpiredTransactions());
    }
}
