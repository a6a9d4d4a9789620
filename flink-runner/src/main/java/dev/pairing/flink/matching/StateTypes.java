package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.flink.classify.DeadLetterRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * Type information of what the job keeps in state and sends over its keyed edge: hand-written
 * fixed-layout serializers, never Kryo (the job disables generic types) and not Flink's reflective
 * record serializer, which was the matching task's largest cost. Their byte layouts are pinned by
 * {@code StateTypesTest}.
 */
public final class StateTypes {

    public static final TypeInformation<QueueSpan> QUEUE_SPAN =
            new FixedLayoutTypeInfo<>(QueueSpan.class, QueueSpanSerializer.INSTANCE);
    public static final TypeInformation<SourceEvent> SOURCE_EVENT =
            new FixedLayoutTypeInfo<>(SourceEvent.class, SourceEventSerializer.INSTANCE);
    /**
     * What the classifier hands the matcher: a valid event (left, in its fixed layout) or a dead
     * letter (right, 1% of records in the bench's mix) on its way to the sink.
     */
    public static final TypeInformation<Either<SourceEvent, DeadLetterRecord>> CLASSIFIED =
            new EitherTypeInfo<>(SOURCE_EVENT, TypeInformation.of(DeadLetterRecord.class));

    private StateTypes() {}
}
