package dev.pairing.flink.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands every raw record on as bytes plus its place in the topic. Decoding happens downstream, in
 * an operator with a dead-letter output: a deserializer that threw would fail the job, and one
 * that skipped would lose the record.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        out.collect(new RawRecord(record.key(), record.value(), record.partition(), record.offset(),
                record.timestamp()));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
