package dev.pairing.flink.sink;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.Pair;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.schemas.codec.OutputEncoding;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An enriched record as the contract says: keyed by the pair's complement class, the NumberPair
 * Avro value, the second (completing) event's raw timestamp, no headers, default partitioner.
 */
public final class PairSerializer implements KafkaRecordSerializationSchema<Pair> {

    private final String topic;
    private final int pairSum;
    private final OutputEncoding output;
    private transient PairingRules rules;

    public PairSerializer(String topic, int pairSum) {
        this(topic, pairSum, OutputEncoding.SINGLE_OBJECT);
    }

    public PairSerializer(String topic, int pairSum, OutputEncoding output) {
        this.topic = topic;
        this.pairSum = pairSum;
        this.output = output;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Pair pair, KafkaSinkContext context, Long timestamp) {
        if (rules == null) {
            rules = new PairingRules(pairSum);
        }
        byte[] key = ComplementClassKey.encode(rules.complementClass(pair.low()));
        return new ProducerRecord<>(topic, null, pair.second().timestamp(), key, output.encode(pair, pairSum));
    }
}
