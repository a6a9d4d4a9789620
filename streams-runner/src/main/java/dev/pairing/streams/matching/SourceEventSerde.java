package dev.pairing.streams.matching;

import dev.pairing.core.matching.SourceEvent;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A valid event with its raw-topic provenance, as it travels through the repartition topic and
 * sits in the pending store. Internal to this runner, never on a public topic: a fixed binary layout
 * (cheaper than Avro on the hot path) led by a format byte, so a later layout can still read state
 * and in-flight records written by this one.
 */
public final class SourceEventSerde implements Serde<SourceEvent>, Serializer<SourceEvent>,
        Deserializer<SourceEvent> {

    private static final byte FORMAT_V1 = 1;
    private static final int WITHOUT_SEQUENCE = 1 + 8 + 4 + 8 + 8 + 1;
    private static final int WITH_SEQUENCE = WITHOUT_SEQUENCE + 8;

    public byte[] toBytes(SourceEvent event) {
        ByteBuffer out = ByteBuffer.allocate(event.sequence() == null ? WITHOUT_SEQUENCE : WITH_SEQUENCE);
        out.put(FORMAT_V1).putLong(event.value()).putInt(event.partition()).putLong(event.offset())
                .putLong(event.timestamp());
        if (event.sequence() == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).putLong(event.sequence());
        }
        return out.array();
    }

    public SourceEvent fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < WITHOUT_SEQUENCE || bytes[0] != FORMAT_V1) {
            throw new SerializationException("not a pending event in format " + FORMAT_V1
                    + (bytes == null ? ": null" : " (" + bytes.length + " bytes)"));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long value = in.getLong();
        int partition = in.getInt();
        long offset = in.getLong();
        long timestamp = in.getLong();
        Long sequence = in.get() == 0 ? null : in.getLong();
        return new SourceEvent(value, partition, offset, timestamp, sequence);
    }

    @Override
    public byte[] serialize(String topic, SourceEvent event) {
        return event == null ? null : toBytes(event);
    }

    @Override
    public SourceEvent deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : fromBytes(bytes);
    }

    @Override
    public Serializer<SourceEvent> serializer() {
        return this;
    }

    @Override
    public Deserializer<SourceEvent> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }
}
