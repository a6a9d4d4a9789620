package dev.pairing.flink.sink;

import dev.pairing.core.matching.Pair;
import dev.pairing.core.matching.Unpaired;
import dev.pairing.flink.classify.DeadLetterRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One record on its way to the job's one Kafka sink: a pair (to the enriched topic), an unpaired
 * number (to the unpaired topic) or a dead letter (to the dead-letter topic). Exactly one of the three
 * is set. One type for all three, so that a single transactional producer writes them, in one
 * transaction per checkpoint instead of three.
 *
 * @param pair       a pair, or null
 * @param unpaired   a number that left without a partner, or null
 * @param deadLetter a rejected raw record, or null
 */
public record Outgoing(Pair pair, Unpaired unpaired, DeadLetterRecord deadLetter) {

    /** Flink's type information: records the job hands from the matcher to the sink in one chain, never serialized there. */
    public static final TypeInformation<Outgoing> TYPE = TypeInformation.of(Outgoing.class);

    public static Outgoing of(Pair pair) {
        return new Outgoing(pair, null, null);
    }

    public static Outgoing of(Unpaired unpaired) {
        return new Outgoing(null, unpaired, null);
    }

    public static Outgoing of(DeadLetterRecord deadLetter) {
        return new Outgoing(null, null, deadLetter);
    }
}
