package dev.pairing.flink.matching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import java.util.HexFormat;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the job keeps in state and sends over its keyed edge: hand-written serializers whose bytes
 * are part of every checkpoint and savepoint, so the layout is pinned here byte for byte.
 */
class StateTypesTest {

    private final TypeSerializer<SourceEvent> events = StateTypes.SOURCE_EVENT.createSerializer(new SerializerConfigImpl());
    private final TypeSerializer<QueueSpan> spans = StateTypes.QUEUE_SPAN.createSerializer(new SerializerConfigImpl());

    @Test
    void theHotTypesUseTheFixedLayoutSerializersNotReflection() {
        assertThat(events).isSameAs(SourceEventSerializer.INSTANCE);
        assertThat(spans).isSameAs(QueueSpanSerializer.INSTANCE);
    }

    @Test
    void aSourceEventWithAndWithoutSequenceSurvivesSerialization() throws Exception {
        for (SourceEvent event : new SourceEvent[] {new SourceEvent(7, 2, 99, 1_000, null),
                new SourceEvent(12, 63, Long.MAX_VALUE, -1, 41L), new SourceEvent(0, 0, 0, 0, Long.MIN_VALUE)}) {
            assertThat(roundTrip(events, event)).isEqualTo(event);
            assertThat(copyThroughViews(events, event)).isEqualTo(event);
        }
        assertThat(roundTrip(spans, new QueueSpan(3, 9))).isEqualTo(new QueueSpan(3, 9));
        assertThat(copyThroughViews(spans, new QueueSpan(3, 9))).isEqualTo(new QueueSpan(3, 9));
    }

    @Test
    void theByteLayoutIsPinned() throws Exception {
        // changing these bytes breaks restoring existing checkpoints: add a snapshot version instead
        assertThat(hex(events, new SourceEvent(7, 2, 99, 1_000, 5L))).isEqualTo(
                "0000000000000007" + "00000002" + "0000000000000063" + "00000000000003e8" + "01" + "0000000000000005");
        assertThat(hex(events, new SourceEvent(7, 2, 99, 1_000, null))).isEqualTo(
                "0000000000000007" + "00000002" + "0000000000000063" + "00000000000003e8" + "00");
        assertThat(hex(spans, new QueueSpan(3, 9))).isEqualTo("0000000000000003" + "0000000000000009");
        assertThat(spans.getLength()).isEqualTo(16);
    }

    @Test
    void aWrittenSnapshotRestoresTheSameSerializerAsCompatible() throws Exception {
        assertRestores(events);
        assertRestores(spans);
    }

    private static <T> void assertRestores(TypeSerializer<T> serializer) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), StateTypesTest.class.getClassLoader());

        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        T result = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading").isZero();
        return result;
    }

    /** The path Flink takes when it moves a serialized value without deserializing it. */
    private static <T> T copyThroughViews(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(value, first);
        DataOutputSerializer second = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
        return serializer.deserialize(new DataInputDeserializer(second.getCopyOfBuffer()));
    }

    private static <T> String hex(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return HexFormat.of().formatHex(out.getCopyOfBuffer());
    }
}
