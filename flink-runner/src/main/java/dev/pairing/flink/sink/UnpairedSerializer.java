package dev.pairing.flink.sink;

import dev.pairing.core.matching.Unpaired;
import dev.pairing.runtime.OutputRecords;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An unpaired number as the unpaired topic's record, shaped by {@link OutputRecords#unpaired}. */
public final class UnpairedSerializer implements KafkaRecordSerializationSchema<Unpaired> {

    private final String topic;
    private final OutputRecords records;

    public UnpairedSerializer(String topic, OutputRecords records) {
        this.topic = topic;
        this.records = records;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Unpaired unpaired, KafkaSinkContext context, Long timestamp) {
        return ProducerRecords.of(topic, records.unpaired(unpaired));
    }
}
