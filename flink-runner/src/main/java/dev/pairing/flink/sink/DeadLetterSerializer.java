package dev.pairing.flink.sink;

import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A dead letter as the contract says: the raw key and value bytes untouched, the reason and the
 * provenance in headers (in {@link DeadLetter#headers()} order), the raw record's timestamp, and
 * the partition left to Kafka's default partitioner.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetterRecord> {

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetterRecord record, KafkaSinkContext context,
            Long timestamp) {
        DeadLetter deadLetter = record.deadLetter();
        List<Header> headers = new ArrayList<>(6);
        for (DeadLetter.Header header : deadLetter.headers()) {
            headers.add(new RecordHeader(header.name(), header.value()));
        }
        return new ProducerRecord<>(topic, null, deadLetter.timestamp(), record.key(), record.value(), headers);
    }
}
