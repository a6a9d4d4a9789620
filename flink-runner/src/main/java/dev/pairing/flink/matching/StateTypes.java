package dev.pairing.flink.matching;

import dev.pairing.core.matching.QueueSpan;
import dev.pairing.core.matching.SourceEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Type information of what the job keeps in state. The core's records are analysed as Flink POJOs
 * (Flink serializes Java records field by field), never handed to Kryo: the job disables generic
 * types, and a unit test pins that these stay POJOs, whose serializer supports adding fields.
 */
final class StateTypes {

    static final TypeInformation<QueueSpan> QUEUE_SPAN = TypeInformation.of(QueueSpan.class);
    static final TypeInformation<SourceEvent> SOURCE_EVENT = TypeInformation.of(SourceEvent.class);

    private StateTypes() {}
}
