package dev.pairing.flink.matching;

import dev.pairing.core.matching.SourceEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@link SourceEvent} as value, partition, offset, timestamp, then a presence byte and the sequence.
 * The layout is part of every checkpoint and savepoint holding pending numbers: a change needs a new
 * snapshot version that still reads this one ({@code StateTypesTest} pins the bytes).
 */
public final class SourceEventSerializer extends ImmutableValueSerializer<SourceEvent> {

    private static final long serialVersionUID = 1L;

    public static final SourceEventSerializer INSTANCE = new SourceEventSerializer();

    @Override
    public SourceEvent createInstance() {
        return new SourceEvent(0, 0, 0, 0, null);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SourceEvent event, DataOutputView target) throws IOException {
        target.writeLong(event.value());
        target.writeInt(event.partition());
        target.writeLong(event.offset());
        target.writeLong(event.timestamp());
        target.writeBoolean(event.sequence() != null);
        if (event.sequence() != null) {
            target.writeLong(event.sequence());
        }
    }

    @Override
    public SourceEvent deserialize(DataInputView source) throws IOException {
        long value = source.readLong();
        int partition = source.readInt();
        long offset = source.readLong();
        long timestamp = source.readLong();
        Long sequence = source.readBoolean() ? source.readLong() : null;
        return new SourceEvent(value, partition, offset, timestamp, sequence);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, 8 + 4 + 8 + 8);
        boolean hasSequence = source.readBoolean();
        target.writeBoolean(hasSequence);
        if (hasSequence) {
            target.write(source, 8);
        }
    }

    @Override
    public TypeSerializerSnapshot<SourceEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; Flink instantiates it reflectively. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
