package dev.pairing.flink.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** State must not silently fall back to Kryo: these types are POJOs and round-trip through their serializer. */
class StateTypesTest {

    @Test
    void pendingStateTypesArePojosNotGenericTypes() {
        assertThat(StateTypes.SOURCE_EVENT).isInstanceOf(PojoTypeInfo.class);
        assertThat(StateTypes.QUEUE_SPAN).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aSourceEventWithoutSequenceSurvivesSerialization() throws Exception {
        assertThat(roundTrip(StateTypes.SOURCE_EVENT.createSerializer(new SerializerConfigImpl()),
                new SourceEvent(7, 2, 99, 1_000, null))).isEqualTo(new SourceEvent(7, 2, 99, 1_000, null));
        assertThat(roundTrip(StateTypes.QUEUE_SPAN.createSerializer(new SerializerConfigImpl()),
                new QueueSpan(3, 9))).isEqualTo(new QueueSpan(3, 9));
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }
}
