package dev.pairing.flink.sink;

import dev.pairing.flink.classify.DeadLetterRecord;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A dead letter as the contract says: the raw key and value bytes, the reason and the provenance in
 * headers (in {@link DeadLetter#headers()} order), the raw record's timestamp, and the partition
 * left to Kafka's default partitioner; cut by {@link DeadLetterFit} when it would not fit the
 * topic, since a record the broker refuses fails the job, and the restarted job meets it again.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetterRecord> {

    private final String topic;
    private final DeadLetterLimit limitLookup;
    private int limit;

    public DeadLetterSerializer(String topic, DeadLetterLimit limit) {
        this.topic = topic;
        this.limitLookup = limit;
        this.limit = -1;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        limit = limitLookup.read();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetterRecord record, KafkaSinkContext context,
            Long timestamp) {
        if (limit < 0) {
            limit = limitLookup.read(); // not opened: a test driving the serializer alone
        }
        DeadLetter deadLetter = record.deadLetter();
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(record.key(), record.value(), deadLetter, limit);
        List<Header> headers = new ArrayList<>(fitted.headers().size());
        for (DeadLetter.Header header : fitted.headers()) {
            headers.add(new RecordHeader(header.name(), header.value()));
        }
        return new ProducerRecord<>(topic, null, deadLetter.timestamp(), fitted.key(), fitted.value(), headers);
    }
}
