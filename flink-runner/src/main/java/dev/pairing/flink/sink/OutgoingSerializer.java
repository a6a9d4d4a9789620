package dev.pairing.flink.sink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Each {@link Outgoing} as its topic's record, by the serializer of its kind. */
public final class OutgoingSerializer implements KafkaRecordSerializationSchema<Outgoing> {

    private final PairSerializer pairs;
    private final UnpairedSerializer unpaired;
    private final DeadLetterSerializer deadLetters;

    public OutgoingSerializer(PairSerializer pairs, UnpairedSerializer unpaired, DeadLetterSerializer deadLetters) {
        this.pairs = pairs;
        this.unpaired = unpaired;
        this.deadLetters = deadLetters;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        pairs.open(context, sinkContext);
        unpaired.open(context, sinkContext);
        deadLetters.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Outgoing outgoing, KafkaSinkContext context, Long timestamp) {
        if (outgoing.pair() != null) {
            return pairs.serialize(outgoing.pair(), context, timestamp);
        }
        if (outgoing.unpaired() != null) {
            return unpaired.serialize(outgoing.unpaired(), context, timestamp);
        }
        return deadLetters.serialize(outgoing.deadLetter(), context, timestamp);
    }
}
