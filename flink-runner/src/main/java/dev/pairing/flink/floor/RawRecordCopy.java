package dev.pairing.flink.floor;

import dev.pairing.flink.source.RawRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A raw record written as it came: key, value and timestamp ({@link RawCopyJob}'s sink). */
public final class RawRecordCopy implements KafkaRecordSerializationSchema<RawRecord> {

    private final String topic;

    public RawRecordCopy(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(RawRecord record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value());
    }
}
