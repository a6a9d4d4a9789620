package dev.pairing.flink.sink;

import dev.pairing.runtime.OutputRecord;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** An {@link OutputRecord} as the Kafka sink writes it: the partition left to Kafka's default partitioner. */
final class ProducerRecords {

    private ProducerRecords() {}

    static ProducerRecord<byte[], byte[]> of(String topic, OutputRecord record) {
        if (record.headers().isEmpty()) {
            return new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value());
        }
        List<Header> headers = new ArrayList<>(record.headers().size());
        for (DeadLetter.Header header : record.headers()) {
            headers.add(new RecordHeader(header.name(), header.value()));
        }
        return new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers);
    }
}
