package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

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

    private StateTypes() {}
}
