package dev.pairing.flink.sink;

import dev.pairing.core.matching.Pair;
import dev.pairing.runtime.OutputRecords;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A pair as the enriched topic's record, shaped by {@link OutputRecords#pair}. */
public final class PairSerializer implements KafkaRecordSerializationSchema<Pair> {

    private final String topic;
    private final OutputRecords records;

    public PairSerializer(String topic, OutputRecords records) {
        this.topic = topic;
        this.records = records;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Pair pair, KafkaSinkContext context, Long timestamp) {
        return ProducerRecords.of(topic, records.pair(pair));
    }
}
