package dev.pairing.flink.sink;

import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.flink.metrics.FlinkMetricBinding;
import dev.pairing.runtime.OutputRecord;
import dev.pairing.runtime.OutputRecords;
import dev.pairing.runtime.metrics.PipelineMeter;
import dev.pairing.runtime.metrics.PipelineMetric;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dead letter as the dead-letter topic's record, shaped by {@link OutputRecords#deadLetter}: cut
 * when it would not fit the topic, since a record the broker refuses fails the job, and the
 * restarted job meets it again. The limit is looked up where the writer opens ({@link DeadLetterLimit}).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetterRecord> {

    private final String topic;
    private final DeadLetterLimit limitLookup;
    private int limit;
    private transient PipelineMeter meter = PipelineMeter.none();

    public DeadLetterSerializer(String topic, DeadLetterLimit limit) {
        this.topic = topic;
        this.limitLookup = limit;
        this.limit = -1;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        limit = limitLookup.read();
        meter = FlinkMetricBinding.meter(context.getMetricGroup(), PipelineMetric.Step.DEAD_LETTERS);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetterRecord record, KafkaSinkContext context,
            Long timestamp) {
        if (limit < 0) {
            limit = limitLookup.read(); // not opened: a test driving the serializer alone
            meter = meter == null ? PipelineMeter.none() : meter;
        }
        OutputRecord letter = OutputRecords.deadLetter(record.key(), record.value(), record.deadLetter(), limit);
        meter.deadLettered(record.deadLetter(), letter);
        return ProducerRecords.of(topic, letter);
    }
}
