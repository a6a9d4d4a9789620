package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link QueueSpan} as head then tail, 16 bytes; read and rewritten on every event of its class. */
public final class QueueSpanSerializer extends ImmutableValueSerializer<QueueSpan> {

    private static final long serialVersionUID = 1L;

    public static final QueueSpanSerializer INSTANCE = new QueueSpanSerializer();

    private static final int LENGTH = 16;

    @Override
    public QueueSpan createInstance() {
        return QueueSpan.EMPTY;
    }

    @Override
    public int getLength() {
        return LENGTH;
    }

    @Override
    public void serialize(QueueSpan span, DataOutputView target) throws IOException {
        target.writeLong(span.head());
        target.writeLong(span.tail());
    }

    @Override
    public QueueSpan deserialize(DataInputView source) throws IOException {
        return new QueueSpan(source.readLong(), source.readLong());
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, LENGTH);
    }

    @Override
    public TypeSerializerSnapshot<QueueSpan> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; Flink instantiates it reflectively. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<QueueSpan> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
