package dev.pairing.flink.sink;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputEncoding;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An unpaired record as the contract says: keyed by the event's complement class, the
 * UnpairedNumber Avro value, the event's raw timestamp, no headers, default partitioner.
 */
public final class UnpairedSerializer implements KafkaRecordSerializationSchema<Unpaired> {

    private final String topic;
    private final int pairSum;
    private final OutputEncoding output;
    private transient PairingRules rules;

    public UnpairedSerializer(String topic, int pairSum) {
        this(topic, pairSum, OutputEncoding.SINGLE_OBJECT);
    }

    public UnpairedSerializer(String topic, int pairSum, OutputEncoding output) {
        this.topic = topic;
        this.pairSum = pairSum;
        this.output = output;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Unpaired unpaired, KafkaSinkContext context, Long timestamp) {
        if (rules == null) {
            rules = new PairingRules(pairSum);
        }
        byte[] key = ComplementClassKey.encode(rules.complementClass(unpaired.event().value()));
        return new ProducerRecord<>(topic, null, unpaired.event().timestamp(), key,
                output.encode(unpaired, pairSum));
    }
}
